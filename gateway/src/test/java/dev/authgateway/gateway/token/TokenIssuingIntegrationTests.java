package dev.authgateway.gateway.token;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.authgateway.gateway.GatewayIntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Logging in against a real PostgreSQL with the demo users, and checking the issued token
 * as a verifier would.
 */
@GatewayIntegrationTest
class TokenIssuingIntegrationTests {

	private static final String ALICE_ID = "11111111-1111-4111-8111-111111111111";

	@Autowired
	private WebTestClient client;

	@LocalServerPort
	private int port;

	@Test
	void aliceGetsAnAccessTokenThatTheGatewaysPublishedKeysVerify() {
		String token = login("alice", "alice-password-1").expectStatus()
			.isOk()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody()
			.get("access_token")
			.toString();

		NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder
			.withJwkSetUri("http://localhost:" + this.port + "/.well-known/jwks.json")
			.jwsAlgorithm(SignatureAlgorithm.RS256)
			.build();
		decoder.setJwtValidator(JwtValidators.createAtJwtValidator()
			.issuer("http://gateway.test")
			.audience("resource-service")
			.clientId("web")
			.build());
		Jwt jwt = decoder.decode(token).block(Duration.ofSeconds(10));

		assertThat(jwt.getHeaders()).containsEntry("typ", "at+jwt").containsKey("kid");
		assertThat(jwt.getHeaders().get("alg").toString()).isIn("RS256", "ES256");
		assertThat(jwt.getClaimAsString("iss")).isEqualTo("http://gateway.test");
		assertThat(jwt.getSubject()).isEqualTo(ALICE_ID);
		assertThat(jwt.getAudience()).containsExactly("resource-service");
		assertThat(jwt.getClaimAsString("preferred_username")).isEqualTo("alice");
		assertThat(jwt.getClaimAsString("client_id")).isEqualTo("web");
		assertThat(jwt.getClaimAsString("scope")).isEqualTo("data:read data:write");
		assertThat(jwt.getClaimAsStringList("roles")).containsExactly("USER");
		assertThat(jwt.getId()).isNotBlank();
		assertThat(Duration.between(jwt.getIssuedAt(), jwt.getExpiresAt())).isEqualTo(Duration.ofMinutes(5));
	}

	@Test
	void theAdminsTokenCarriesTheAdminScope() {
		login("admin", "admin-password-1").expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.scope")
			.isEqualTo("data:read data:write admin");
	}

	@Test
	void usernamesAreNotCaseSensitive() {
		login("ALICE", "alice-password-1").expectStatus().isOk();
	}

	@Test
	void aWrongPasswordAndAnUnknownUserGetTheSameAnswer() {
		byte[] wrongPassword = login("alice", "not-alices-password").expectStatus()
			.isUnauthorized()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.returnResult()
			.getResponseBody();
		byte[] unknownUser = login("mallory", "not-alices-password").expectStatus()
			.isUnauthorized()
			.expectBody()
			.returnResult()
			.getResponseBody();

		assertThat(new String(unknownUser)).isEqualTo(new String(wrongPassword));
	}

	@Test
	void theJwkSetPublishesPublicKeysOnly() {
		this.client.get()
			.uri("/.well-known/jwks.json")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.cacheControl(org.springframework.http.CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic())
			.expectBody()
			.jsonPath("$.keys.length()")
			.value((count) -> assertThat((Integer) count).isGreaterThanOrEqualTo(2))
			.jsonPath("$.keys[*].kid")
			.exists()
			.jsonPath("$.keys[*].use")
			.value((uses) -> assertThat(uses.toString()).doesNotContain("enc"))
			.jsonPath("$.keys[*].alg")
			.exists()
			// no private parts: RSA d, p, q, dp, dq, qi and EC d
			.jsonPath("$.keys[*].d")
			.doesNotExist()
			.jsonPath("$.keys[*].p")
			.doesNotExist()
			.jsonPath("$.keys[*].q")
			.doesNotExist()
			.jsonPath("$.keys[*].dp")
			.doesNotExist();
	}

	@Test
	void unknownPathsThatTheGatewayOwnsAreNotFoundProblems() {
		for (String path : List.of("/auth/nothing-here", "/.well-known/openid-configuration")) {
			this.client.get()
				.uri(path)
				.exchange()
				.expectStatus()
				.isNotFound()
				.expectHeader()
				.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		}
	}

	private WebTestClient.ResponseSpec login(String username, String password) {
		return this.client.post()
			.uri("/auth/token")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("username", username, "password", password))
			.exchange();
	}

}
