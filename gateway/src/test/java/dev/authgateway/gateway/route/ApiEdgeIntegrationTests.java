package dev.authgateway.gateway.route;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.jwk.RSAKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import dev.authgateway.gateway.GatewayIntegrationTest;
import dev.authgateway.gateway.key.SigningKeys;
import dev.authgateway.testsupport.ForgedTokens;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway refuses forged and broken bearer tokens on /api itself. In this context no
 * resource service runs behind the gateway, so a request that were forwarded would get a
 * 503: every 401 here is the gateway's own.
 */
@GatewayIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiEdgeIntegrationTests {

	private static final String ALICE = "11111111-1111-4111-8111-111111111111";

	private final AtomicInteger attackerFetches = new AtomicInteger();

	private DisposableServer attacker;

	@Autowired
	private WebTestClient client;

	@Autowired
	private SigningKeys keys;

	@BeforeAll
	void startAttacker() {
		this.attacker = HttpServer.create().host("127.0.0.1").port(0).handle((request, response) -> {
			this.attackerFetches.incrementAndGet();
			return response.sendString(Mono.just("{\"keys\":[]}"));
		}).bindNow();
	}

	@AfterAll
	void stopAttacker() {
		this.attacker.disposeNow();
	}

	List<ForgedTokens> corpus() {
		RSAKey key = (RSAKey) this.keys.active().block();
		return ForgedTokens.corpus(key, "http://gateway.test", "resource-service", ALICE,
				"http://127.0.0.1:" + this.attacker.port());
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("corpus")
	void aForgedTokenIsRefusedBeforeItIsForwarded(ForgedTokens forged) {
		forged.assertRefusedBy(this.client, "/api/protected-data");
		assertThat(this.attackerFetches).hasValue(0);
	}

	@Test
	void aValidTokenAndNoTokenAreForwarded() {
		String token = this.client.post()
			.uri("/auth/token")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("username", "alice", "password", "alice-password-1"))
			.exchange()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody()
			.get("access_token")
			.toString();

		// nothing listens behind the gateway here: forwarded requests fail with a clear
		// 503
		this.client.get()
			.uri("/api/protected-data")
			.headers((headers) -> headers.setBearerAuth(token))
			.exchange()
			.expectStatus()
			.isEqualTo(503)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		this.client.get().uri("/api/public-data").exchange().expectStatus().isEqualTo(503);
	}

	@Test
	void anOversizedBodyToTheTokenServiceIsRefusedUnread() {
		this.client.post()
			.uri("/auth/token")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"username\":\"alice\",\"password\":\"" + "x".repeat(20_000) + "\"}")
			.exchange()
			.expectStatus()
			.isEqualTo(413)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

}
