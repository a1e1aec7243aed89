package dev.authgateway.resource;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

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
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway, which publishes the keys, goes down. The resource service keeps verifying
 * with the keys it has, even once they are older than their maximum age, and a token
 * signed by a key it never saw is a quick 401, not a request that waits for the gateway.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "tokens.jwk-set-max-age=1s", "tokens.jwk-set-min-refetch-interval=0s" })
@AutoConfigureWebTestClient(timeout = "30s")
@Testcontainers
class GatewayOutageTests {

	private static final UUID ALICE = DemoUsers.ALICE;

	@Container
	static final PostgreSQLContainer postgres = TestDatabases.postgres();

	static final TestTokens gateway = new TestTokens();

	@DynamicPropertySource
	static void tokenProperties(DynamicPropertyRegistry registry) {
		TestDatabases.register(registry, postgres, "resource");
		registry.add("tokens.issuer", () -> TestTokens.ISSUER);
		registry.add("tokens.jwk-set-uri", gateway::jwkSetUri);
	}

	@AfterAll
	static void stopGateway() {
		gateway.close();
	}

	@Autowired
	private WebTestClient client;

	@Test
	void tokensSignedWithKnownKeysKeepWorkingAndAnUnknownKeyIsAQuick401WhileTheGatewayIsDown() throws Exception {
		me(gateway.accessToken(ALICE, "data:read")).expectStatus().isOk();

		gateway.close();
		// past the JWK set's maximum age: the service tries to fetch it again, fails, and
		// keeps what it has
		Thread.sleep(1500);

		me(gateway.accessToken(ALICE, "data:read")).expectStatus().isOk();
		try (TestTokens stranger = new TestTokens()) {
			Instant start = Instant.now();
			me(stranger.accessToken(ALICE, "data:read")).expectStatus().isUnauthorized();
			assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(2));
		}
		me(gateway.accessToken(ALICE, "data:read")).expectStatus().isOk();
	}

	private WebTestClient.ResponseSpec me(String token) {
		return this.client.get().uri("/api/me").headers((headers) -> headers.setBearerAuth(token)).exchange();
	}

}
