package dev.authgateway.resource;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.postgresql.PostgreSQLContainer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** A database that stops answering costs a caller a quick 503, not a hanging request; service recovers by itself. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "demo.enabled=true")
@AutoConfigureWebTestClient(timeout = "30s")
@Testcontainers
class DatabaseOutageTests {

	private static final UUID ALICE = UUID.fromString("11111111-1111-4111-8111-111111111111");

	@Container
	@ServiceConnection
	static final PostgreSQLContainer postgres = new PostgreSQLContainer("postgres:17-alpine");

	static final TestTokens tokens = new TestTokens();

	@DynamicPropertySource
	static void tokenProperties(DynamicPropertyRegistry registry) {
		registry.add("tokens.issuer", () -> TestTokens.ISSUER);
		registry.add("tokens.jwk-set-uri", tokens::jwkSetUri);
	}

	@AfterAll
	static void stopTokens() {
		tokens.close();
	}

	@Autowired
	private WebTestClient client;

	@Test
	void aPausedDatabaseGivesA503WithinSecondsAndTheServiceRecoversWhenItIsBack() {
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
			assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(5));
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
	}

	private WebTestClient.ResponseSpec read(String token) {
		return this.client.get().uri("/api/protected-data").headers((headers) -> headers.setBearerAuth(token)).exchange();
	}

}
