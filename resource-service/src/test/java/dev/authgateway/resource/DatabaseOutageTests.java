package dev.authgateway.resource;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.PoolMetrics;
import io.r2dbc.spi.ConnectionFactory;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.postgresql.PostgreSQLContainer;

import dev.authgateway.testsupport.TestDatabases;
import dev.authgateway.testsupport.DemoUsers;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A database that stops answering costs a caller a quick 503, not a hanging request;
 * service recovers by itself.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "demo.enabled=true")
@AutoConfigureWebTestClient(timeout = "30s")
@Testcontainers
class DatabaseOutageTests {

	private static final UUID ALICE = DemoUsers.ALICE;

	@Container
	static final PostgreSQLContainer postgres = TestDatabases.postgres();

	static final TestTokens tokens = new TestTokens();

	@DynamicPropertySource
	static void tokenProperties(DynamicPropertyRegistry registry) {
		TestDatabases.register(registry, postgres, "resource");
		registry.add("tokens.issuer", () -> TestTokens.ISSUER);
		registry.add("tokens.jwk-set-uri", tokens::jwkSetUri);
	}

	@AfterAll
	static void stopTokens() {
		tokens.close();
	}

	@Autowired
	private WebTestClient client;

	@Autowired
	private ConnectionFactory connectionFactory;

	@Test
	void aPausedDatabaseGivesA503WithinTwoSecondsTokensStillWorkAndTheServiceRecoversWhenItIsBack()
			throws InterruptedException {
		String token = tokens.accessToken(ALICE, "data:read");
		read(token).expectStatus().isOk();

		postgres.getDockerClient().pauseContainerCmd(postgres.getContainerId()).exec();
		try {
			Instant start = Instant.now();
			read(token).expectStatus()
				.isEqualTo(503)
				.expectHeader()
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.expectHeader()
				.exists(HttpHeaders.RETRY_AFTER);
			assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(2));
			// the token was verified before the outage and needs no database to be
			// verified again
			this.client.get()
				.uri("/api/me")
				.headers((headers) -> headers.setBearerAuth(token))
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$.sub")
				.isEqualTo(ALICE.toString());
		}
		finally {
			postgres.getDockerClient().unpauseContainerCmd(postgres.getContainerId()).exec();
		}

		Instant deadline = Instant.now().plusSeconds(20);
		int status = 0;
		while (Instant.now().isBefore(deadline) && status != 200) {
			status = read(token).returnResult(String.class).getStatus().value();
		}
		assertThat(status).as("the service answers again without a restart").isEqualTo(200);
		assertThat(connectionsInUseOnceIdle()).as("no connection leaked by the requests that failed").isZero();
	}

	@Test
	void manyRequestsDuringAnOutageAllGet503AndLeakNoConnectionOrThread() throws Exception {
		String token = tokens.accessToken(ALICE, "data:read");
		read(token).expectStatus().isOk();
		int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
		ExecutorService callers = Executors.newFixedThreadPool(10);
		postgres.getDockerClient().pauseContainerCmd(postgres.getContainerId()).exec();
		try {
			List<Future<Integer>> statuses = new ArrayList<>();
			for (int i = 0; i < 10; i++) {
				statuses.add(callers.submit(() -> read(token).returnResult(String.class).getStatus().value()));
			}
			for (Future<Integer> answered : statuses) {
				assertThat(answered.get()).isEqualTo(503);
			}
		}
		finally {
			postgres.getDockerClient().unpauseContainerCmd(postgres.getContainerId()).exec();
			callers.shutdown();
			callers.awaitTermination(10, TimeUnit.SECONDS);
		}
		Instant deadline = Instant.now().plusSeconds(20);
		while (Instant.now().isBefore(deadline) && read(token).returnResult(String.class).getStatus().value() != 200) {
			Thread.sleep(200);
		}
		assertThat(connectionsInUseOnceIdle()).isZero();
		assertThat(pool().pendingAcquireSize()).isZero();
		// the callers' own pool is shut down; a few threads of the libraries' own may
		// start lazily
		assertThat(ManagementFactory.getThreadMXBean().getThreadCount()).isLessThanOrEqualTo(threadsBefore + 5);
	}

	private int connectionsInUseOnceIdle() throws InterruptedException {
		Instant deadline = Instant.now().plusSeconds(5);
		while (Instant.now().isBefore(deadline) && pool().acquiredSize() > 0) {
			Thread.sleep(100);
		}
		return pool().acquiredSize();
	}

	private PoolMetrics pool() {
		return ((ConnectionPool) this.connectionFactory).getMetrics().orElseThrow();
	}

	private WebTestClient.ResponseSpec read(String token) {
		return this.client.get()
			.uri("/api/protected-data")
			.headers((headers) -> headers.setBearerAuth(token))
			.exchange();
	}

}
