package dev.authgateway.gateway.route;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.postgresql.PostgreSQLContainer;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import dev.authgateway.gateway.GatewayApplication;
import dev.authgateway.testsupport.TestDatabases;
import dev.authgateway.testsupport.TestServers;

import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the resource service hears of a request's trace (W3C Trace Context): the caller's
 * trace id with the gateway's own span as the parent, and the gateway's sampling
 * decision, never the caller's.
 */
@Testcontainers
@ExtendWith(OutputCaptureExtension.class)
class ForwardedTraceContextTests {

	private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

	private static final String CALLERS_SPAN = "00f067aa0ba902b7";

	@Container
	static final PostgreSQLContainer postgres = TestDatabases.postgres();

	/** The traceparent header of each request the stand-in resource service got. */
	private static final BlockingQueue<String> heard = new LinkedBlockingQueue<>();

	private static DisposableServer upstream;

	private static ConfigurableApplicationContext gateway;

	private static WebClient client;

	@BeforeAll
	static void start() {
		upstream = HttpServer.create().host("127.0.0.1").port(0).handle((request, response) -> {
			heard.add(String.valueOf(request.requestHeaders().get("traceparent")));
			return response.header("Content-Type", "application/json").sendString(Mono.just("{}"));
		}).bindNow();
		TestDatabases.create(postgres, "traces");
		List<String> arguments = new ArrayList<>(TestDatabases.connectionArguments(postgres, "traces"));
		arguments.addAll(List.of("--server.port=0", "--management.server.port=0", "--demo.enabled=true",
				"--tokens.issuer=http://gateway.test", "--keys.encryption-key=" + TestServers.randomEncryptionKey(),
				"--routes.resource-service-uri=http://127.0.0.1:" + upstream.port(),
				// nothing recorded: a caller that asks for its trace to be recorded is
				// not obeyed
				"--management.tracing.sampling.probability=0"));
		gateway = TestServers.start(GatewayApplication.class, arguments);
		client = WebClient.create("http://localhost:" + TestServers.port(gateway));
	}

	@AfterAll
	static void stop() {
		gateway.close();
		upstream.disposeNow();
	}

	@Test
	void theResourceServiceHearsTheCallersTraceWithTheGatewaysSpanAndSamplingDecision(CapturedOutput output)
			throws InterruptedException {
		LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());
		logging.setLogLevel("dev.authgateway.requests", LogLevel.INFO);
		String traceparent;
		try {
			traceparent = forwardedTraceparent("00-" + TRACE_ID + "-" + CALLERS_SPAN + "-01");
		}
		finally {
			logging.setLogLevel("dev.authgateway.requests", LogLevel.WARN);
		}

		// the gateway's request log line shows its span for the request, the parent of
		// the resource service's
		String gatewaysSpan = output.getOut()
			.lines()
			.filter((line) -> line.contains(TRACE_ID) && line.contains("GET /api/public-data 200"))
			.map((line) -> line.replaceAll(".*" + TRACE_ID + "-([0-9a-f]{16}).*", "$1"))
			.findFirst()
			.orElseThrow();
		assertThat(gatewaysSpan).matches("[0-9a-f]{16}").isNotEqualTo(CALLERS_SPAN);
		assertThat(traceparent).isEqualTo("00-" + TRACE_ID + "-" + gatewaysSpan + "-00");
	}

	@Test
	void aRequestWithoutATraceStartsOneAtTheGatewayThatTheResourceServiceHears() throws InterruptedException {
		String traceparent = forwardedTraceparent(null);

		assertThat(traceparent).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-00").doesNotContain(TRACE_ID);
	}

	private static String forwardedTraceparent(String callers) throws InterruptedException {
		heard.clear();
		client.get().uri("/api/public-data").headers((headers) -> {
			if (callers != null) {
				headers.set("traceparent", callers);
			}
		}).retrieve().toBodilessEntity().block(Duration.ofSeconds(30));
		return heard.poll(10, TimeUnit.SECONDS);
	}

}
