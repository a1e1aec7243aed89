package dev.authgateway.resource;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.postgresql.PostgreSQLContainer;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import dev.authgateway.testsupport.ForgedTokens;
import dev.authgateway.testsupport.TestDatabases;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every forged or broken token of the corpus is refused with a 401 (or an early 4xx),
 * never more.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "30s")
@Testcontainers
class ForgedTokenCorpusTests {

	private static final String ALICE = "11111111-1111-4111-8111-111111111111";

	@Container
	static final PostgreSQLContainer postgres = TestDatabases.postgres();

	static final TestTokens tokens = new TestTokens();

	static final AtomicInteger attackerFetches = new AtomicInteger();

	static DisposableServer attacker;

	@BeforeAll
	static void startAttacker() {
		attacker = HttpServer.create().host("127.0.0.1").port(0).handle((request, response) -> {
			attackerFetches.incrementAndGet();
			return response.sendString(Mono.just("{\"keys\":[]}"));
		}).bindNow();
	}

	@AfterAll
	static void stop() {
		attacker.disposeNow();
		tokens.close();
	}

	@DynamicPropertySource
	static void tokenProperties(DynamicPropertyRegistry registry) {
		TestDatabases.register(registry, postgres, "resource");
		registry.add("tokens.issuer", () -> TestTokens.ISSUER);
		registry.add("tokens.jwk-set-uri", tokens::jwkSetUri);
	}

	static List<ForgedTokens> corpus() {
		return ForgedTokens.corpus(tokens.key(), TestTokens.ISSUER, TestTokens.AUDIENCE, ALICE,
				"http://127.0.0.1:" + attacker.port());
	}

	@Autowired
	private WebTestClient client;

	@ParameterizedTest(name = "{0}")
	@MethodSource("corpus")
	void isRefused(ForgedTokens forged) {
		forged.assertRefusedBy(this.client, "/api/protected-data");
		assertThat(attackerFetches).as("URLs in token headers are never fetched").hasValue(0);
	}

	@Test
	void theRealTokenTheForgeriesAreMadeFromWouldPass() {
		// guards the corpus itself: a valid token with the same key, issuer and audience
		// is accepted
		this.client.get()
			.uri("/api/protected-data")
			.headers((headers) -> headers.setBearerAuth(tokens.accessToken(UUID.fromString(ALICE), "data:read")))
			.exchange()
			.expectStatus()
			.isOk();
	}

}
