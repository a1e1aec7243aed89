package dev.authgateway.gateway;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.testcontainers.postgresql.PostgreSQLContainer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PostgreSQL stops answering under the gateway: what needs it fails fast with a 503, what
 * does not (the JWK set, from memory) keeps working, and everything works again once the
 * database is back.
 */
@GatewayIntegrationTest
class DatabaseOutageIntegrationTests {

	@Autowired
	private WebTestClient client;

	@Autowired
	private PostgreSQLContainer postgres;

	@Test
	void loginAndRefreshAnswer503WithinTwoSecondsWhileTheDatabaseIsSilentAndWorkAgainAfter() {
		Map<?, ?> tokens = login().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();

		pause();
		try {
			Instant start = Instant.now();
			login().expectStatus()
				.isEqualTo(503)
				.expectHeader()
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.expectHeader()
				.exists(HttpHeaders.RETRY_AFTER);
			assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(2));
			start = Instant.now();
			this.client.post()
				.uri("/auth/refresh")
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(Map.of("refresh_token", tokens.get("refresh_token")))
				.exchange()
				.expectStatus()
				.isEqualTo(503);
			assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(2));
			// the keys were loaded moments ago and are served from memory
			this.client.get().uri("/.well-known/jwks.json").exchange().expectStatus().isOk();
		}
		finally {
			unpause();
		}

		Instant deadline = Instant.now().plusSeconds(20);
		int status = 0;
		while (Instant.now().isBefore(deadline) && status != 200) {
			status = login().returnResult(String.class).getStatus().value();
		}
		assertThat(status).as("logins work again without a restart").isEqualTo(200);
	}

	private WebTestClient.ResponseSpec login() {
		return this.client.post()
			.uri("/auth/token")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("username", "alice", "password", "alice-password-1"))
			.exchange();
	}

	private void pause() {
		this.postgres.getDockerClient().pauseContainerCmd(this.postgres.getContainerId()).exec();
	}

	private void unpause() {
		this.postgres.getDockerClient().unpauseContainerCmd(this.postgres.getContainerId()).exec();
	}

}
