package dev.authgateway.gateway.token;

import java.net.URI;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.dpop.DefaultDPoPProofFactory;
import com.nimbusds.oauth2.sdk.id.JWTID;
import org.junit.jupiter.api.Test;

import dev.authgateway.gateway.GatewayIntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DPoP at the token endpoints against PostgreSQL (RFC 9449): a login with a proof gets a
 * token bound to the proof's key, its session refreshes only with proofs by that key, and
 * every proof that fails a check is refused. The public URL is http://gateway.test.
 */
@GatewayIntegrationTest
class DPoPTokenIntegrationTests {

	private static final URI TOKEN = URI.create("http://gateway.test/auth/token");

	private static final URI REFRESH = URI.create("http://gateway.test/auth/refresh");

	private static final AtomicInteger ADDRESSES = new AtomicInteger();

	@Autowired
	private WebTestClient client;

	@Test
	void aLoginWithAProofGetsADPoPTokenBoundToTheProofsKey() throws Exception {
		ECKey key = newKey();

		Map<?, ?> tokens = login(proof(key, "POST", TOKEN)).expectStatus()
			.isOk()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();

		assertThat(tokens.get("token_type")).isEqualTo("DPoP");
		Map<String, Object> cnf = SignedJWT.parse(tokens.get("access_token").toString())
			.getJWTClaimsSet()
			.getJSONObjectClaim("cnf");
		assertThat(cnf).containsEntry("jkt", key.computeThumbprint().toString());
	}

	@Test
	void aLoginWithoutAProofStillGetsABearerTokenWithoutCnf() throws Exception {
		Map<?, ?> tokens = login(null).expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();

		assertThat(tokens.get("token_type")).isEqualTo("Bearer");
		assertThat(SignedJWT.parse(tokens.get("access_token").toString()).getJWTClaimsSet().getClaim("cnf")).isNull();
	}

	@Test
	void aProofForAnotherMethodOrUrlIsRefused() throws Exception {
		ECKey key = newKey();
		invalidProof(login(proof(key, "GET", TOKEN)));
		invalidProof(login(proof(key, "POST", URI.create("http://gateway.test/auth/other"))));
		invalidProof(login(proof(key, "POST", URI.create("https://elsewhere.test/auth/token"))));
	}

	@Test
	void aProofIsGoodOnce() throws Exception {
		String proof = proof(newKey(), "POST", TOKEN);
		login(proof).expectStatus().isOk();

		invalidProof(login(proof));
	}

	@Test
	void aProofTooOldOrFromTheFutureIsRefused() throws Exception {
		DefaultDPoPProofFactory factory = new DefaultDPoPProofFactory(newKey(), JWSAlgorithm.ES256);
		long now = System.currentTimeMillis();
		invalidProof(
				login(factory.createDPoPJWT(new JWTID(), "POST", TOKEN, new Date(now - 300_000), null).serialize()));
		invalidProof(
				login(factory.createDPoPJWT(new JWTID(), "POST", TOKEN, new Date(now + 300_000), null).serialize()));
	}

	@Test
	void aProofSignedWithASharedSecretOrNotAtAllIsRefused() throws Exception {
		ECKey key = newKey();
		SignedJWT hmac = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(new JOSEObjectType("dpop+jwt"))
			.jwk(key.toPublicJWK())
			.build(), claims("POST", TOKEN));
		hmac.sign(new MACSigner(new byte[32]));
		invalidProof(login(hmac.serialize()));

		String unsigned = java.util.Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString("{\"alg\":\"none\",\"typ\":\"dpop+jwt\"}".getBytes())
				+ "."
				+ java.util.Base64.getUrlEncoder()
					.withoutPadding()
					.encodeToString(claims("POST", TOKEN).toString().getBytes())
				+ ".";
		invalidProof(login(unsigned));
	}

	@Test
	void aProofThatCarriesAPrivateKeyIsRefused() throws Exception {
		ECKey key = newKey();
		// made by hand: Nimbus will not put a private key in a header
		String header = "{\"alg\":\"ES256\",\"typ\":\"dpop+jwt\",\"jwk\":" + key.toJSONString() + "}";
		String signingInput = base64url(header.getBytes()) + "."
				+ base64url(claims("POST", TOKEN).toString().getBytes());
		java.security.Signature ecdsa = java.security.Signature.getInstance("SHA256withECDSA");
		ecdsa.initSign(key.toECPrivateKey());
		ecdsa.update(signingInput.getBytes());
		byte[] signature = com.nimbusds.jose.crypto.impl.ECDSA.transcodeSignatureToConcat(ecdsa.sign(), 64);

		invalidProof(login(signingInput + "." + base64url(signature))).jsonPath("$.detail")
			.value((detail) -> assertThat(detail.toString()).containsIgnoringCase("non-public key"));
	}

	private static String base64url(byte[] bytes) {
		return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	@Test
	void aBoundSessionRefreshesOnlyWithAProofByItsKey() throws Exception {
		ECKey key = newKey();
		Object refreshToken = login(proof(key, "POST", TOKEN)).expectBody(Map.class)
			.returnResult()
			.getResponseBody()
			.get("refresh_token");

		refresh(refreshToken, null).expectStatus().isUnauthorized();
		refresh(refreshToken, proof(newKey(), "POST", REFRESH)).expectStatus().isUnauthorized();
		Map<?, ?> refreshed = refresh(refreshToken, proof(key, "POST", REFRESH)).expectStatus()
			.isOk()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();

		assertThat(refreshed.get("token_type")).isEqualTo("DPoP");
		assertThat(
				SignedJWT.parse(refreshed.get("access_token").toString()).getJWTClaimsSet().getJSONObjectClaim("cnf"))
			.containsEntry("jkt", key.computeThumbprint().toString());
	}

	@Test
	void anUnboundSessionRefreshedWithAProofIsBoundToItsKeyFromThenOn() throws Exception {
		Object refreshToken = login(null).expectBody(Map.class).returnResult().getResponseBody().get("refresh_token");
		ECKey key = newKey();
		Map<?, ?> bound = refresh(refreshToken, proof(key, "POST", REFRESH)).expectStatus()
			.isOk()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
		assertThat(bound.get("token_type")).isEqualTo("DPoP");

		refresh(bound.get("refresh_token"), null).expectStatus().isUnauthorized();
		refresh(bound.get("refresh_token"), proof(key, "POST", REFRESH)).expectStatus().isOk();
	}

	@Test
	void introspectionShowsTheBinding() throws Exception {
		ECKey key = newKey();
		Object bound = login(proof(key, "POST", TOKEN)).expectBody(Map.class)
			.returnResult()
			.getResponseBody()
			.get("access_token");
		Object admin = this.client.post()
			.uri("/auth/token")
			.header("X-Forwarded-For", nextAddress())
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("username", "admin", "password", "admin-password-1"))
			.exchange()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody()
			.get("access_token");

		this.client.post()
			.uri("/auth/introspect")
			.header("Authorization", "Bearer " + admin)
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.bodyValue("token=" + bound)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.token_type")
			.isEqualTo("DPoP")
			.jsonPath("$.cnf.jkt")
			.isEqualTo(key.computeThumbprint().toString());
	}

	private static ECKey newKey() throws Exception {
		return new ECKeyGenerator(Curve.P_256).generate();
	}

	private static String proof(ECKey key, String method, URI url) throws Exception {
		return new DefaultDPoPProofFactory(key, JWSAlgorithm.ES256).createDPoPJWT(method, url).serialize();
	}

	private static JWTClaimsSet claims(String method, URI url) {
		return new JWTClaimsSet.Builder().jwtID(new JWTID().getValue())
			.claim("htm", method)
			.claim("htu", url.toString())
			.issueTime(new Date())
			.build();
	}

	private WebTestClient.ResponseSpec login(String proof) {
		return this.client.post().uri("/auth/token").header("X-Forwarded-For", nextAddress()).headers((headers) -> {
			if (proof != null) {
				headers.set("DPoP", proof);
			}
		})
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("username", "alice", "password", "alice-password-1"))
			.exchange();
	}

	private WebTestClient.ResponseSpec refresh(Object refreshToken, String proof) {
		return this.client.post().uri("/auth/refresh").headers((headers) -> {
			if (proof != null) {
				headers.set("DPoP", proof);
			}
		}).contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("refresh_token", refreshToken)).exchange();
	}

	private static WebTestClient.BodyContentSpec invalidProof(WebTestClient.ResponseSpec response) {
		return response.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.error")
			.isEqualTo("invalid_dpop_proof");
	}

	private static String nextAddress() {
		int address = ADDRESSES.incrementAndGet();
		return "10.58." + (address / 250) + "." + (address % 250 + 1);
	}

}
