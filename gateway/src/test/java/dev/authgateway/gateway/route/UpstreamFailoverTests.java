package dev.authgateway.gateway.route;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.channel.ChannelOption;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.postgresql.PostgreSQLContainer;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import dev.authgateway.gateway.GatewayApplication;
import dev.authgateway.testsupport.TestDatabases;
import dev.authgateway.testsupport.TestServers;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two resource service instances behind the gateway, one of which fails: a safe request
 * never sees the failure (it goes once more, to the other instance), a write in flight
 * when its connection drops gets a 502 and never a 500, and an instance that stopped
 * leaves the rotation and comes back when it answers again.
 */
@Testcontainers
class UpstreamFailoverTests {

	private static final Duration QUARANTINE = Duration.ofSeconds(1);

	@Container
	static final PostgreSQLContainer postgres = TestDatabases.postgres();

	private static final Upstream failing = new Upstream("failing");

	private static final Upstream healthy = new Upstream("healthy");

	private static ConfigurableApplicationContext gateway;

	private static WebClient client;

	private static String token;

	@BeforeAll
	static void start() {
		failing.start(TestServers.freePort());
		healthy.start(TestServers.freePort());
		TestDatabases.create(postgres, "failover");
		List<String> arguments = new ArrayList<>(TestDatabases.connectionArguments(postgres, "failover"));
		arguments.addAll(List.of("--server.port=0", "--management.server.port=0", "--demo.enabled=true",
				"--tokens.issuer=http://gateway.test", "--keys.encryption-key=" + TestServers.randomEncryptionKey(),
				"--routes.resource-service-uri=http://127.0.0.1:" + failing.port + ",http://127.0.0.1:" + healthy.port,
				"--routes.instance-quarantine=" + QUARANTINE.toMillis() + "ms"));
		gateway = TestServers.start(GatewayApplication.class, arguments);
		client = WebClient.create("http://localhost:" + TestServers.port(gateway));
		token = client.post()
			.uri("/auth/token")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("username", "alice", "password", "alice-password-1"))
			.retrieve()
			.bodyToMono(Map.class)
			.map((body) -> body.get("access_token").toString())
			.block(Duration.ofSeconds(30));
	}

	@AfterAll
	static void stop() {
		gateway.close();
		failing.stop();
		healthy.stop();
	}

	@BeforeEach
	void bothAnswerAndTheQuarantineIsOver() throws InterruptedException {
		failing.mode = "answer";
		if (failing.server == null) {
			failing.start(failing.port);
		}
		Thread.sleep(QUARANTINE.toMillis() + 200);
	}

	@AfterEach
	void countAfresh() {
		failing.hits.set(0);
		healthy.hits.set(0);
	}

	@Test
	void safeRequestsNeverSeeAnInstanceThatDropsItsConnections() {
		failing.mode = "drop";

		for (int i = 0; i < 10; i++) {
			assertThat(get()).isEqualTo(200);
		}
		assertThat(failing.hits.get()).as("tried, then left out").isBetween(1, 2);
		assertThat(healthy.hits.get()).isEqualTo(10);
	}

	@Test
	void aWriteInFlightWhenItsConnectionDropsGetsABadGatewayAndNeverAnInternalError() {
		failing.mode = "drop";
		List<Integer> statuses = new ArrayList<>();
		while (failing.hits.get() == 0 && statuses.size() < 4) {
			statuses.add(post());
		}

		assertThat(statuses).contains(502).doesNotContain(500);
		assertThat(statuses.stream().filter((status) -> status == 502)).hasSize(1);
	}

	@Test
	void anInstanceThatStopsLeavesTheRotationAndComesBackWhenItAnswersAgain() throws InterruptedException {
		failing.stop();
		for (int i = 0; i < 10; i++) {
			assertThat(get()).isEqualTo(200);
		}
		assertThat(healthy.hits.get()).isEqualTo(10);

		failing.start(failing.port);
		Thread.sleep(QUARANTINE.toMillis() + 200);
		for (int i = 0; i < 10; i++) {
			assertThat(get()).isEqualTo(200);
		}
		assertThat(failing.hits.get()).as("back in the rotation").isGreaterThanOrEqualTo(4);
	}

	private static int get() {
		return client.get()
			.uri("/api/public-data")
			.exchangeToMono((response) -> response.releaseBody().thenReturn(response.statusCode().value()))
			.block(Duration.ofSeconds(30));
	}

	private static int post() {
		return client.post()
			.uri("/api/protected-data")
			.header("Authorization", "Bearer " + token)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("title", "a note"))
			.exchangeToMono((response) -> response.releaseBody().thenReturn(response.statusCode().value()))
			.block(Duration.ofSeconds(30));
	}

	/** A stand-in resource service instance that answers, or drops every connection. */
	private static final class Upstream {

		private final String name;

		private final AtomicInteger hits = new AtomicInteger();

		private volatile String mode = "answer";

		private volatile DisposableServer server;

		private int port;

		Upstream(String name) {
			this.name = name;
		}

		void start(int port) {
			this.port = port;
			this.server = HttpServer.create().host("127.0.0.1").port(port).handle((request, response) -> {
				this.hits.incrementAndGet();
				if (this.mode.equals("drop")) {
					// the request arrived; the connection is reset before any answer
					response.withConnection((connection) -> {
						connection.channel().config().setOption(ChannelOption.SO_LINGER, 0);
						connection.channel().close();
					});
					return Mono.never();
				}
				return response.header("Content-Type", "application/json")
					.sendString(Mono.just("{\"from\":\"" + this.name + "\"}"));
			}).bindNow();
		}

		void stop() {
			if (this.server != null) {
				this.server.disposeNow();
				this.server = null;
			}
		}

	}

}
