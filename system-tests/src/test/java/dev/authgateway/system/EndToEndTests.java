package dev.authgateway.system;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.postgresql.PostgreSQLContainer;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import dev.authgateway.gateway.GatewayApplication;
import dev.authgateway.testsupport.RawHttpConnection;
import dev.authgateway.testsupport.TestDatabases;
import dev.authgateway.testsupport.TestServers;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole system in one JVM: PostgreSQL in a container, the gateway and the resource
 * service each on a port of its own with its own database, and a stand-in for the
 * single-page app. Every request goes through the gateway, as a browser's would.
 */
@SpringBootTest(classes = GatewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
		properties = "demo.enabled=true")
@AutoConfigureWebTestClient(timeout = "30s")
@Testcontainers
@ExtendWith(OutputCaptureExtension.class)
class EndToEndTests {

	private static final int GATEWAY_PORT = TestServers.freePort();

	private static final String ISSUER = "http://localhost:" + GATEWAY_PORT;

	@Container
	static final PostgreSQLContainer postgres = TestDatabases.postgres();

	private static ConfigurableApplicationContext resourceService;

	private static DisposableServer spa;

	@BeforeAll
	static void startTheOtherServices() throws Exception {
		TestDatabases.create(postgres, "resource");
		resourceService = SystemServices.resourceService(postgres, ISSUER, ISSUER + "/.well-known/jwks.json");
		spa = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.handle((request, response) -> response.header("Content-Type", "text/html")
				.sendString(Mono.just("<!doctype html><app-root></app-root>")))
			.bindNow();
	}

	@AfterAll
	static void stopTheOtherServices() {
		if (resourceService != null) {
			resourceService.close();
		}
		if (spa != null) {
			spa.disposeNow();
		}
	}

	@DynamicPropertySource
	static void gatewayProperties(DynamicPropertyRegistry registry) {
		TestDatabases.register(registry, postgres, "gateway");
		registry.add("server.port", () -> GATEWAY_PORT);
		registry.add("management.server.port", () -> 0);
		registry.add("tokens.issuer", () -> ISSUER);
		registry.add("routes.resource-service-uri",
				() -> "http://localhost:" + resourceService.getEnvironment().getProperty("local.server.port"));
		registry.add("routes.frontend-uri", () -> "http://127.0.0.1:" + spa.port());
	}

	@Autowired
	private WebTestClient client;

	@Test
	void aliceLogsInThroughTheGatewayAndReadsHerProtectedData() {
		String token = accessToken("alice", "alice-password-1");

		this.client.get()
			.uri("/api/protected-data")
			.headers((headers) -> headers.setBearerAuth(token))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.page.totalElements")
			.isEqualTo(3)
			.jsonPath("$.content[0].owner")
			.isEqualTo("11111111-1111-4111-8111-111111111111");
	}

	@Test
	void oneTraceIdIsCarriedFromTheGatewayToTheResourceServiceAndShownInBothLogs(CapturedOutput output) {
		String token = accessToken("alice", "alice-password-1");
		String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
		LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());
		logging.setLogLevel("dev.authgateway.requests", LogLevel.INFO);
		try {
			this.client.get()
				.uri("/api/protected-data")
				.headers((headers) -> headers.setBearerAuth(token))
				.header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$.content")
				.isArray();
		}
		finally {
			logging.setLogLevel("dev.authgateway.requests", LogLevel.WARN);
		}

		List<String> requestLines = output.getOut()
			.lines()
			.filter((line) -> line.contains(traceId) && line.contains("GET /api/protected-data 200"))
			.toList();
		// one line from each service (in one JVM, both show the name of the last one to
		// start), each with a
		// span of its own in the caller's trace
		assertThat(requestLines).hasSize(2);
		assertThat(requestLines.stream().map((line) -> line.replaceAll(".*" + traceId + "-([0-9a-f]{16}).*", "$1")))
			.doesNotHaveDuplicates()
			.allMatch((spanId) -> spanId.length() == 16);
	}

	@Test
	void bobSeesOnlyBobsItems() {
		String token = accessToken("bob", "bob-password-1");

		this.client.get()
			.uri("/api/protected-data")
			.headers((headers) -> headers.setBearerAuth(token))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.content[*].owner")
			.value((owners) -> assertThat(owners.toString()).doesNotContain("11111111-1111-4111-8111-111111111111")
				.contains("22222222-2222-4222-8222-222222222222"));
	}

	@Test
	void protectedDataWithoutATokenIsUnauthorizedThroughTheGateway() {
		this.client.get()
			.uri("/api/protected-data")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.valueMatches(HttpHeaders.WWW_AUTHENTICATE, "Bearer.*")
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(401);
	}

	@Test
	void aLargeWriteWithoutATokenIsUnauthorizedThroughTheGatewayNotAServerError() {
		// as curl sends a large body: the headers first, the body only once the server
		// asks for it
		try (RawHttpConnection connection = new RawHttpConnection(GATEWAY_PORT)) {
			connection.send("POST /api/protected-data HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
					+ "Content-Length: " + 3 * 1024 * 1024 + "\r\nExpect: 100-continue\r\n\r\n");

			assertThat(connection.statusesOnceThereAre(1)).containsExactly("401");
		}
	}

	@Test
	void aLargeWriteWithATokenIsRefusedAsTooLargeBeforeItIsForwarded() {
		String token = accessToken("alice", "alice-password-1");
		int status = WebClient.create("http://localhost:" + GATEWAY_PORT)
			.post()
			.uri("/api/protected-data")
			.headers((headers) -> headers.setBearerAuth(token))
			.header("Expect", "100-continue")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(new byte[3 * 1024 * 1024])
			.exchangeToMono((response) -> response.releaseBody().thenReturn(response.statusCode().value()))
			.block(Duration.ofSeconds(30));

		assertThat(status).isEqualTo(413);
	}

	@Test
	void theApiReferenceListsExactlyTheEndpointsOfBothOpenApiDocuments() throws java.io.IOException {
		java.util.Set<String> documented = new java.util.TreeSet<>();
		java.util.regex.Matcher rows = java.util.regex.Pattern.compile("(?m)^\\| `(GET|POST|PUT|DELETE) ([^`]+)`")
			.matcher(java.nio.file.Files.readString(java.nio.file.Path.of("../docs/api.md")));
		while (rows.find()) {
			if (!rows.group(2).startsWith("/v3/")) {
				documented.add(rows.group(1) + " " + rows.group(2));
			}
		}

		java.util.Set<String> served = new java.util.TreeSet<>();
		for (String document : List.of("/v3/api-docs/gateway", "/v3/api-docs/resource-service")) {
			Map<?, ?> openApi = documents().get()
				.uri(document)
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody(Map.class)
				.returnResult()
				.getResponseBody();
			@SuppressWarnings("unchecked")
			Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) openApi.get("paths");
			paths.forEach((path, operations) -> operations.keySet()
				.forEach((method) -> served.add(method.toUpperCase(java.util.Locale.ROOT) + " " + path)));
		}

		assertThat(documented).isEqualTo(served);
	}

	@Test
	void publicDataNeedsNoToken() {
		this.client.get()
			.uri("/api/public-data")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.page.totalElements")
			.isEqualTo(2);
	}

	@Test
	void everyOtherPathIsServedByTheSinglePageApp() {
		this.client.get()
			.uri("/data/mine")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.value((html) -> assertThat(html).contains("<app-root>"));
	}

	@Test
	void aliceManagesHerItemsThroughTheGatewayBobCannotTouchThemAndAdminCan() {
		String alice = accessToken("alice", "alice-password-1");
		String bob = accessToken("bob", "bob-password-1");
		String admin = accessToken("admin", "admin-password-1");

		String location = this.client.post()
			.uri("/api/protected-data")
			.headers((headers) -> headers.setBearerAuth(alice))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("title", "Alice's secret", "body", "through the gateway"))
			.exchange()
			.expectStatus()
			.isCreated()
			.returnResult(Void.class)
			.getResponseHeaders()
			.getLocation()
			.toString();
		assertThat(location).startsWith("/api/protected-data/");

		this.client.get()
			.uri(location)
			.headers((h) -> h.setBearerAuth(bob))
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(404);
		this.client.put()
			.uri(location)
			.headers((h) -> h.setBearerAuth(bob))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("title", "Bob was here", "version", 0))
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(404);

		this.client.put()
			.uri(location)
			.headers((h) -> h.setBearerAuth(alice))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("title", "Alice's edited secret", "version", 0))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.title")
			.isEqualTo("Alice's edited secret");
		this.client.get()
			.uri(location)
			.headers((h) -> h.setBearerAuth(admin))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.title")
			.isEqualTo("Alice's edited secret");

		this.client.delete()
			.uri(location)
			.headers((h) -> h.setBearerAuth(bob))
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(404);
		this.client.delete()
			.uri(location)
			.headers((h) -> h.setBearerAuth(admin))
			.exchange()
			.expectStatus()
			.isNoContent()
			.expectBody()
			.isEmpty();
		this.client.get()
			.uri(location)
			.headers((h) -> h.setBearerAuth(alice))
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(404);
	}

	@Test
	void bothOpenApiDocumentsAndSwaggerUiAreServedByTheGateway() {
		// first as YAML: whichever form is asked for first builds the document, off the
		// event loops
		WebTestClient documents = documents();
		documents.get()
			.uri("/v3/api-docs/gateway.yaml")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.value((yaml) -> assertThat(yaml).contains("/auth/token:"));
		documents.get()
			.uri("/v3/api-docs/gateway")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.paths['/auth/token']")
			.exists()
			.jsonPath("$.paths['/auth/admin/users/{id}/disable']")
			.exists()
			.jsonPath("$.paths['/auth/admin/audit']")
			.exists()
			.jsonPath("$.components.securitySchemes.bearer.scheme")
			.isEqualTo("bearer");
		this.client.get()
			.uri("/v3/api-docs/resource-service")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.paths['/api/protected-data/{id}']")
			.exists()
			.jsonPath("$.servers[0].url")
			.isEqualTo("/")
			.jsonPath("$.components.securitySchemes.bearer.scheme")
			.isEqualTo("bearer");
		this.client.get()
			.uri("/v3/api-docs/gateway/swagger-config")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.urls[0].url")
			.isEqualTo("/v3/api-docs/gateway")
			.jsonPath("$.urls[1].url")
			.isEqualTo("/v3/api-docs/resource-service");
		this.client.get()
			.uri("/swagger-ui/index.html")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.value((page) -> assertThat(page).contains("swagger-ui"));
	}

	@Test
	void aRefreshTokenIsNeverAcceptedAsAnAccessToken() {
		String refreshToken = tokens("alice", "alice-password-1").get("refresh_token").toString();

		this.client.get()
			.uri("/api/protected-data")
			.headers((headers) -> headers.setBearerAuth(refreshToken))
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(401);
	}

	@Test
	void aKeyRotationDuringTrafficFailsNoValidToken() {
		String before = accessToken("alice", "alice-password-1");
		String admin = accessToken("admin", "admin-password-1");
		WebClient http = WebClient.create("http://localhost:" + GATEWAY_PORT);

		Flux<Integer> readsWithTheOldKey = Flux.range(0, 60)
			.delayElements(Duration.ofMillis(10))
			.flatMap((i) -> read(http, before));
		Mono<String> rotation = http.post()
			.uri("/auth/admin/keys/rotate")
			.headers((headers) -> headers.setBearerAuth(admin))
			.retrieve()
			.bodyToMono(String.class)
			.delaySubscription(Duration.ofMillis(200));
		Flux<Integer> readsWithTheNewKey = rotation.then(login(http, "bob", "bob-password-1"))
			.flatMapMany((after) -> Flux.range(0, 60).flatMap((i) -> read(http, after)));
		List<Integer> statuses = Flux.merge(readsWithTheOldKey, readsWithTheNewKey)
			.collectList()
			.block(Duration.ofSeconds(60));

		assertThat(statuses).hasSize(120).containsOnly(200);
	}

	private static Mono<String> login(WebClient http, String username, String password) {
		return http.post()
			.uri("/auth/token")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("username", username, "password", password))
			.retrieve()
			.bodyToMono(Map.class)
			.map((tokens) -> tokens.get("access_token").toString());
	}

	private static Mono<Integer> read(WebClient http, String token) {
		return http.get()
			.uri("/api/protected-data")
			.headers((headers) -> headers.setBearerAuth(token))
			.exchangeToMono((response) -> response.releaseBody().thenReturn(response.statusCode().value()));
	}

	private String accessToken(String username, String password) {
		return tokens(username, password).get("access_token").toString();
	}

	private Map<?, ?> tokens(String username, String password) {
		return this.client.post()
			.uri("/auth/token")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("username", username, "password", password))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
	}

	/**
	 * A client for the OpenAPI documents, which are larger than the gateway's own request
	 * bodies may be, a limit this client shares.
	 */
	private WebTestClient documents() {
		return this.client.mutate().codecs((codecs) -> codecs.defaultCodecs().maxInMemorySize(1024 * 1024)).build();
	}

}
