package dev.authgateway.gateway.token;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import dev.authgateway.gateway.GatewayIntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With a reuse grace period a family still stays one chain: a retried refresh replaces,
 * never forks.
 */
@GatewayIntegrationTest
@TestPropertySource(properties = "sessions.reuse-grace=30s")
class RefreshReuseGraceIntegrationTests {

	@Autowired
	private WebTestClient client;

	@LocalServerPort
	private int port;

	@Test
	void aRetriedRefreshWithinTheGraceWindowReplacesTheEarlierSuccessorInsteadOfForkingTheFamily() {
		String first = login();
		String lostAnswer = refreshed(first);

		String retried = refreshed(first);

		refresh(lostAnswer).expectStatus().isUnauthorized();
		assertThat(refreshed(retried)).isNotBlank();
	}

	@Test
	void aSpentTokenPresentedAfterItsSuccessorWasUsedIsReuseAndEndsTheFamily() {
		String first = login();
		String second = refreshed(first);
		String third = refreshed(second);

		refresh(first).expectStatus().isUnauthorized();

		refresh(third).expectStatus().isUnauthorized();
	}

	@Test
	void ofConcurrentRetriesOfOneTokenExactlyOneSuccessorStaysValid() {
		String first = login();
		WebClient http = WebClient.create("http://localhost:" + this.port);

		List<String> successors = Flux.range(0, 8)
			.flatMap((i) -> http.post()
				.uri("/auth/refresh")
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(Map.of("refresh_token", first))
				.exchangeToMono(
						(response) -> response.bodyToMono(new ParameterizedTypeReference<Map<String, Object>>() {
						}).mapNotNull((body) -> (String) body.get("refresh_token"))),
					8)
			.collectList()
			.block(Duration.ofSeconds(30));

		assertThat(successors).isNotEmpty();
		List<Integer> statuses = successors.stream()
			.map((successor) -> refresh(successor).returnResult(Void.class).getStatus().value())
			.toList();
		assertThat(statuses).filteredOn((status) -> status == 200).hasSize(1);
	}

	@Test
	void aBoundSessionRefreshesOnlyWithItsKeyInsideTheGraceWindowToo() throws Exception {
		com.nimbusds.jose.jwk.ECKey key = new com.nimbusds.jose.jwk.gen.ECKeyGenerator(
				com.nimbusds.jose.jwk.Curve.P_256)
			.generate();
		String refreshToken = tokens(this.client.post()
			.uri("/auth/token")
			.header("DPoP", proof(key, "/auth/token"))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("username", "bob", "password", "bob-password-1"))
			.exchange()).get("refresh_token").toString();

		refresh(refreshToken).expectStatus().isUnauthorized();
		refreshWithProof(refreshToken,
				proof(new com.nimbusds.jose.jwk.gen.ECKeyGenerator(com.nimbusds.jose.jwk.Curve.P_256).generate(),
						"/auth/refresh"))
			.expectStatus()
			.isUnauthorized();
		assertThat(tokens(refreshWithProof(refreshToken, proof(key, "/auth/refresh"))).get("token_type"))
			.isEqualTo("DPoP");
	}

	private static String proof(com.nimbusds.jose.jwk.ECKey key, String path) throws Exception {
		return new com.nimbusds.oauth2.sdk.dpop.DefaultDPoPProofFactory(key, com.nimbusds.jose.JWSAlgorithm.ES256)
			.createDPoPJWT("POST", java.net.URI.create("http://gateway.test" + path))
			.serialize();
	}

	private WebTestClient.ResponseSpec refreshWithProof(String refreshToken, String proof) {
		return this.client.post()
			.uri("/auth/refresh")
			.header("DPoP", proof)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("refresh_token", refreshToken))
			.exchange();
	}

	private String login() {
		return tokens(this.client.post()
			.uri("/auth/token")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("username", "bob", "password", "bob-password-1"))
			.exchange()).get("refresh_token").toString();
	}

	private String refreshed(String refreshToken) {
		return tokens(refresh(refreshToken)).get("refresh_token").toString();
	}

	private WebTestClient.ResponseSpec refresh(String refreshToken) {
		return this.client.post()
			.uri("/auth/refresh")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("refresh_token", refreshToken))
			.exchange();
	}

	private static Map<String, Object> tokens(WebTestClient.ResponseSpec response) {
		return response.expectStatus().isOk().expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
		}).returnResult().getResponseBody();
	}

}
