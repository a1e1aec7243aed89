package dev.authgateway.gateway.key;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.testcontainers.postgresql.PostgreSQLContainer;

import dev.authgateway.gateway.GatewayIntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The keys' cache runs out while PostgreSQL is silent: the gateway keeps publishing the
 * keys it knows, so verifiers that fetch the JWK set during an outage still find every
 * key (they would refuse valid tokens otherwise).
 */
@GatewayIntegrationTest
class SigningKeysOutageIntegrationTests {

	@Autowired
	private SigningKeys keys;

	@Autowired
	private WebTestClient client;

	@Autowired
	private PostgreSQLContainer postgres;

	@Test
	void theJwkSetIsServedFromTheKeysAlreadyKnownWhenTheyCannotBeReloaded() {
		String published = jwkSet();
		// as when the reload interval has passed: the next request must read the keys
		// again
		this.keys.reload();

		this.postgres.getDockerClient().pauseContainerCmd(this.postgres.getContainerId()).exec();
		String duringOutage;
		Instant start = Instant.now();
		try {
			duringOutage = jwkSet();
		}
		finally {
			this.postgres.getDockerClient().unpauseContainerCmd(this.postgres.getContainerId()).exec();
		}

		assertThat(duringOutage).isEqualTo(published);
		// the failed read costs the statement deadline (1 s), not the request's 3 s or a
		// hang
		assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(2));
	}

	private String jwkSet() {
		return this.client.get()
			.uri("/.well-known/jwks.json")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
	}

}
