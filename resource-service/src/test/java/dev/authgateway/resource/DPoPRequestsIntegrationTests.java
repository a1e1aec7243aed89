package dev.authgateway.resource;

import java.net.URI;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.oauth2.sdk.dpop.DefaultDPoPProofFactory;
import com.nimbusds.oauth2.sdk.token.DPoPAccessToken;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.postgresql.PostgreSQLContainer;

import dev.authgateway.testsupport.DemoUsers;
import dev.authgateway.testsupport.TestDatabases;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DPoP-bound access tokens at the API (RFC 9449 section 7): each request needs a proof by
 * the token's key, for this method and this URL at the public URL's origin, fresh, once,
 * and with the hash of this token. Bearer tokens without {@code cnf} keep working.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "demo.enabled=true")
@AutoConfigureWebTestClient(timeout = "30s")
@Testcontainers
class DPoPRequestsIntegrationTests {

	private static final UUID ALICE = DemoUsers.ALICE;

	private static final URI DATA = URI.create(TestTokens.ISSUER + "/api/protected-data");

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

	@Test
	void aBoundTokenWithAProofByItsKeyReadsTheData() throws Exception {
		ECKey key = newKey();
		String token = boundTo(key);

		read(token, proof(key, "GET", DATA, token)).expectStatus().isOk();
	}

	@Test
	void aBoundTokenAsABearerTokenIsRefused() throws Exception {
		String token = boundTo(newKey());

		this.client.get()
			.uri("/api/protected-data")
			.headers((headers) -> headers.setBearerAuth(token))
			.exchange()
			.expectStatus()
			.isUnauthorized();
	}

	@Test
	void aProofByAnotherKeyThanTheTokensIsRefused() throws Exception {
		String token = boundTo(newKey());

		read(token, proof(newKey(), "GET", DATA, token)).expectStatus()
			.isUnauthorized()
			.expectHeader()
			.value(HttpHeaders.WWW_AUTHENTICATE,
					(challenge) -> assertThat(challenge).startsWith("DPoP algs=\"ES256 ES384 PS256 RS256\"")
						.contains("error=\"invalid_dpop_proof\""));
	}

	@Test
	void aProofForAnotherMethodOrUrlIsRefused() throws Exception {
		ECKey key = newKey();
		String token = boundTo(key);

		read(token, proof(key, "POST", DATA, token)).expectStatus().isUnauthorized();
		read(token, proof(key, "GET", URI.create(TestTokens.ISSUER + "/api/me"), token)).expectStatus()
			.isUnauthorized();
		read(token, proof(key, "GET", URI.create("http://internal:8081/api/protected-data"), token)).expectStatus()
			.isUnauthorized();
	}

	@Test
	void aProofForAnotherTokenIsRefused() throws Exception {
		ECKey key = newKey();
		String token = boundTo(key);

		read(token, proof(key, "GET", DATA, boundTo(key))).expectStatus().isUnauthorized();
	}

	@Test
	void aProofIsGoodOnce() throws Exception {
		ECKey key = newKey();
		String token = boundTo(key);
		String proof = proof(key, "GET", DATA, token);
		read(token, proof).expectStatus().isOk();

		read(token, proof).expectStatus().isUnauthorized();
	}

	@Test
	void anUnboundTokenWithAProofIsRefused() throws Exception {
		ECKey key = newKey();
		String token = tokens.accessToken(ALICE, "data:read");

		read(token, proof(key, "GET", DATA, token)).expectStatus().isUnauthorized();
	}

	@Test
	void anUnboundBearerTokenKeepsWorking() {
		this.client.get()
			.uri("/api/protected-data")
			.headers((headers) -> headers.setBearerAuth(tokens.accessToken(ALICE, "data:read")))
			.exchange()
			.expectStatus()
			.isOk();
	}

	private WebTestClient.ResponseSpec read(String token, String proof) {
		return this.client.get()
			.uri("/api/protected-data")
			.header(HttpHeaders.AUTHORIZATION, "DPoP " + token)
			.header("DPoP", proof)
			.exchange();
	}

	private static String boundTo(ECKey key) throws Exception {
		String thumbprint = key.computeThumbprint().toString();
		return tokens.accessToken(ALICE, "data:read", (header) -> {
		}, (claims) -> claims.claim("cnf", Map.of("jkt", thumbprint)));
	}

	private static String proof(ECKey key, String method, URI url, String token) throws Exception {
		return new DefaultDPoPProofFactory(key, JWSAlgorithm.ES256)
			.createDPoPJWT(method, url, new DPoPAccessToken(token))
			.serialize();
	}

	private static ECKey newKey() throws Exception {
		return new ECKeyGenerator(Curve.P_256).generate();
	}

}
