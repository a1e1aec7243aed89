package dev.authgateway.system;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.oauth2.sdk.dpop.DefaultDPoPProofFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.postgresql.PostgreSQLContainer;

import dev.authgateway.testsupport.TestDatabases;
import dev.authgateway.testsupport.TestServers;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The switches of docs/configuration.md work in the images: each service started as its
 * image starts it (the executable jar with Spring AOT's build-time bean definitions,
 * settings from environment variables), once with the switches one way and once the
 * other, and each switch seen to take effect.
 */
@Testcontainers
class ImageSettingsTests {

	private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

	private static final String ISSUER = "http://gateway.test";

	/** How long sampled spans wait to be sent; the default is five seconds. */
	private static final String EXPORT_DELAY = "MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_SCHEDULE_DELAY";

	private static final String ENCRYPTION_KEY = TestServers.randomEncryptionKey();

	@Container
	static final PostgreSQLContainer postgres = TestDatabases.postgres();

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void theGatewaysSwitchesTakeEffectOneWay(@TempDir Path folder) throws Exception {
		try (OtlpCollector collector = new OtlpCollector();
				Service gateway = start("gateway", folder,
						Map.of("API_DOCS_ENABLED", "true", "REGISTRATION_ENABLED", "true", "PASSKEYS_ENABLED", "false",
								"TOKENS_DPOP_NONCE_REQUIRED", "true", "THROTTLING_ENABLED", "false",
								"LOGGING_STRUCTURED_FORMAT_CONSOLE", "ecs", "LOGGING_LEVEL_DEV_AUTHGATEWAY_REQUESTS",
								"info", "OTEL_EXPORTER_OTLP_ENDPOINT", collector.address(), EXPORT_DELAY, "100ms",
								"MANAGEMENT_TRACING_SAMPLING_PROBABILITY", "1.0"))) {
			String trace = "4bf92f3577b34da6a3ce929d0e0e4736";
			assertThat(get(gateway, "/auth/features", trace).statusCode()).isEqualTo(200);
			assertThat(collector.awaitTrace(trace, Duration.ofSeconds(20))).as("OTEL_EXPORTER_OTLP_ENDPOINT")
				.isEqualTo("/v1/traces");
			// a password typed into the username field fails the name's rules: the
			// answer's error must not carry it into the spans
			String mistake = "0af7651916cd43dd8448eb211c80319c";
			assertThat(post(gateway, "/auth/token", "{\"username\":\"Typed-Pass!word1\",\"password\":\"x\"}", mistake)
				.statusCode()).isEqualTo(400);
			collector.awaitTrace(mistake, Duration.ofSeconds(20));
			assertThat(collector.holds("Typed-Pass!word1")).as("what a caller sent stays out of spans").isFalse();
			assertThat(get(gateway, "/v3/api-docs/gateway").statusCode()).as("API_DOCS_ENABLED").isEqualTo(200);
			String features = get(gateway, "/auth/features").body();
			assertThat(features).as("REGISTRATION_ENABLED").contains("\"registration\":true");
			assertThat(features).as("PASSKEYS_ENABLED").contains("\"passkeys\":false");
			HttpResponse<String> noNonce = login(gateway, "alice-password-1", proof());
			assertThat(noNonce.body()).as("TOKENS_DPOP_NONCE_REQUIRED").contains("use_dpop_nonce");
			for (int i = 0; i < 7; i++) {
				assertThat(login(gateway, "not-her-password", null).statusCode()).as("THROTTLING_ENABLED")
					.isEqualTo(401);
			}
			assertThat(gateway.lines()).as("LOGGING_STRUCTURED_FORMAT_CONSOLE, LOGGING_LEVEL_DEV_AUTHGATEWAY_REQUESTS")
				.anyMatch((line) -> line.startsWith("{") && line.contains("\"traceId\"")
						&& line.contains("GET /auth/features 200"));
		}
	}

	@Test
	void theGatewaysSwitchesTakeEffectTheOtherWay(@TempDir Path folder) throws Exception {
		try (OtlpCollector collector = new OtlpCollector();
				Service gateway = start("gateway", folder,
						Map.of("API_DOCS_ENABLED", "false", "REGISTRATION_ENABLED", "false", "PASSKEYS_ENABLED", "true",
								"TOKENS_DPOP_REQUIRED", "true", "THROTTLING_ENABLED", "true",
								"OTEL_EXPORTER_OTLP_ENDPOINT", collector.address(), EXPORT_DELAY, "100ms",
								"MANAGEMENT_TRACING_SAMPLING_PROBABILITY", "0.0"))) {
			String trace = "4bf92f3577b34da6a3ce929d0e0e4736";
			assertThat(get(gateway, "/auth/features", trace).statusCode()).isEqualTo(200);
			Thread.sleep(2000);
			assertThat(collector.hasTrace(trace)).as("a caller's sampled flag is not obeyed at the edge").isFalse();
			assertThat(get(gateway, "/v3/api-docs/gateway").statusCode()).as("API_DOCS_ENABLED").isEqualTo(404);
			String features = get(gateway, "/auth/features").body();
			assertThat(features).as("REGISTRATION_ENABLED").contains("\"registration\":false");
			assertThat(features).as("PASSKEYS_ENABLED").contains("\"passkeys\":true");
			assertThat(login(gateway, "alice-password-1", null).body()).as("TOKENS_DPOP_REQUIRED")
				.contains("invalid_dpop_proof");
			List<Integer> statuses = new ArrayList<>();
			for (int i = 0; i < 7; i++) {
				statuses.add(login(gateway, "not-her-password", proof()).statusCode());
			}
			assertThat(statuses).as("THROTTLING_ENABLED").contains(429);
			assertThat(gateway.lines()).as("plain text logs by default").noneMatch((line) -> line.startsWith("{"));
		}
	}

	@Test
	void theResourceServicesSwitchesTakeEffect(@TempDir Path folder) throws Exception {
		try (OtlpCollector collector = new OtlpCollector();
				Service on = start("resource-service", folder.resolve("on"),
						Map.of("API_DOCS_ENABLED", "true", "MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT",
								collector.address() + "/collector/traces", EXPORT_DELAY, "100ms"))) {
			assertThat(get(on, "/v3/api-docs").statusCode()).as("API_DOCS_ENABLED").isEqualTo(200);
			String trace = "0af7651916cd43dd8448eb211c80319c";
			assertThat(get(on, "/api/public-data", trace).statusCode()).isEqualTo(200);
			assertThat(collector.awaitTrace(trace, Duration.ofSeconds(20)))
				.as("MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT")
				.isEqualTo("/collector/traces");
			assertThat(get(on, "/api/public-data").body()).as("DEMO_ENABLED: the demo items").contains("Alice");
		}
		try (Service off = start("resource-service", folder.resolve("off"), Map.of("API_DOCS_ENABLED", "false"))) {
			assertThat(get(off, "/v3/api-docs").statusCode()).as("API_DOCS_ENABLED").isEqualTo(404);
		}
	}

	@Test
	void theDatabaseTlsSettingsTakeEffect(@TempDir Path folder) throws Exception {
		try (PostgreSQLContainer tls = TestDatabases.postgresRequiringTls()) {
			tls.start();
			Path authority = TestDatabases.tlsAuthority(tls, folder.resolve("server.crt"));
			try (Service gateway = start(tls, "gateway", folder.resolve("gateway"),
					Map.of("DATABASE_SSL_MODE", "verify-full", "DATABASE_SSL_ROOT_CERT", authority.toString()))) {
				assertThat(login(gateway, "alice-password-1", null).statusCode())
					.as("DATABASE_SSL_MODE, DATABASE_SSL_ROOT_CERT")
					.isEqualTo(200);
			}
		}
	}

	private Service start(String module, Path folder, Map<String, String> switches) throws Exception {
		return start(postgres, module, folder, switches);
	}

	private Service start(PostgreSQLContainer on, String module, Path folder, Map<String, String> switches)
			throws Exception {
		Files.createDirectories(folder);
		String database = module.equals("gateway") ? "gateway" : "resource";
		if (!databaseExists(on, database)) {
			TestDatabases.create(on, database);
		}
		Map<String, String> environment = new HashMap<>();
		for (String argument : TestDatabases.connectionArguments(on, database)) {
			String[] setting = argument.substring(2).split("=", 2);
			environment.put(setting[0].toUpperCase().replace('.', '_').replace('-', '_'), setting[1]);
		}
		int port = TestServers.freePort();
		int management = TestServers.freePort();
		environment.putAll(Map.of("SERVER_PORT", String.valueOf(port), "MANAGEMENT_SERVER_PORT",
				String.valueOf(management), "TOKENS_ISSUER", ISSUER, "KEYS_ENCRYPTION_KEY", ENCRYPTION_KEY,
				"TOKENS_JWK_SET_URI", "http://127.0.0.1:1/.well-known/jwks.json", "DEMO_ENABLED", "true"));
		environment.putAll(switches);
		Path jar;
		try (Stream<Path> jars = Files.list(ROOT.resolve(module).resolve("target"))) {
			jar = jars.filter((path) -> path.getFileName().toString().endsWith("-exec.jar")).findFirst().orElseThrow();
		}
		Path output = folder.resolve(module + ".log");
		ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Dspring.aot.enabled=true", "-jar", jar.toString())
			.redirectErrorStream(true)
			.redirectOutput(output.toFile());
		builder.environment().putAll(environment);
		Service service = new Service(builder.start(), port, output);
		service.awaitReady(management, this.http);
		return service;
	}

	private static boolean databaseExists(PostgreSQLContainer on, String name) throws Exception {
		try (var connection = on.createConnection("");
				var statement = connection.createStatement();
				var found = statement.executeQuery("select 1 from pg_database where datname = '" + name + "'")) {
			return found.next();
		}
	}

	private HttpResponse<String> get(Service service, String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(service.uri(path)).build(), HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * A request in the given trace, sampled by its caller, as a traced client sends it.
	 */
	private HttpResponse<String> get(Service service, String path, String traceId) throws Exception {
		return this.http.send(HttpRequest.newBuilder(service.uri(path))
			.header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> post(Service service, String path, String json, String traceId) throws Exception {
		return this.http.send(HttpRequest.newBuilder(service.uri(path))
			.header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> login(Service gateway, String password, String proof) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(gateway.uri("/auth/token"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"alice\",\"password\":\"" + password + "\"}"));
		if (proof != null) {
			request.header("DPoP", proof);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static String proof() throws Exception {
		return new DefaultDPoPProofFactory(new ECKeyGenerator(Curve.P_256).generate(), JWSAlgorithm.ES256)
			.createDPoPJWT("POST", URI.create(ISSUER + "/auth/token"))
			.serialize();
	}

	/** A service started as its image starts it. */
	private record Service(Process process, int port, Path log) implements AutoCloseable {

		URI uri(String path) {
			return URI.create("http://127.0.0.1:" + this.port + path);
		}

		List<String> lines() throws IOException {
			return Files.readAllLines(this.log);
		}

		void awaitReady(int management, HttpClient http) throws Exception {
			long until = System.nanoTime() + Duration.ofSeconds(90).toNanos();
			while (System.nanoTime() < until) {
				if (!this.process.isAlive()) {
					throw new IllegalStateException("the service stopped: " + String.join("\n", lines()));
				}
				try {
					HttpResponse<Void> ready = http.send(HttpRequest
						.newBuilder(URI.create("http://127.0.0.1:" + management + "/actuator/health/readiness"))
						.build(), HttpResponse.BodyHandlers.discarding());
					if (ready.statusCode() == 200) {
						return;
					}
				}
				catch (IOException ex) {
					// not listening yet
				}
				Thread.sleep(200);
			}
			throw new IllegalStateException("the service was not ready in 90 s: " + String.join("\n", lines()));
		}

		@Override
		public void close() throws InterruptedException {
			this.process.destroy();
			if (!this.process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
				this.process.destroyForcibly();
			}
		}

	}

}
