package dev.authgateway.testsupport;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A corpus of forged and broken access tokens after RFC 8725 and the OWASP JWT cheat
 * sheet. Some are signed by the real key but break a rule; others are signed by an
 * attacker or not at all. A verifier must refuse every one of them.
 *
 * @param name what is wrong with the token
 * @param token the token as sent in {@code Authorization: Bearer}
 */
public record ForgedTokens(String name, String token) {

	@Override
	public String toString() {
		return this.name;
	}

	/**
	 * Sends the token and checks that it is refused: a 401 with a bearer challenge and no
	 * trace of the server's insides, or, for a token too large for any header, the
	 * server's own 431.
	 */
	public void assertRefusedBy(WebTestClient client, String path) {
		WebTestClient.ResponseSpec response = client.get()
			.uri(path)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.token)
			.exchange();
		if (this.token.length() > 8 * 1024) {
			response.expectStatus().isEqualTo(431);
			return;
		}
		response.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.valueMatches(HttpHeaders.WWW_AUTHENTICATE, "Bearer.*")
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody(String.class)
			.value((body) -> assertThat(body).doesNotContain("Exception")
				.doesNotContain("at dev.")
				.doesNotContain("trace"));
	}

	/**
	 * @param key the real signing key (private part included), as the verifier's JWK set
	 * publishes it
	 * @param issuer the issuer the verifier expects
	 * @param audience the audience the verifier expects
	 * @param subject a real user's id
	 * @param attackerUrl a URL an attacker controls; a verifier must never fetch it
	 */
	public static List<ForgedTokens> corpus(RSAKey key, String issuer, String audience, String subject,
			String attackerUrl) {
		try {
			RSAKey attacker = rsaKey(UUID.randomUUID().toString());
			String valid = sign(key, header(key.getKeyID()).build(), claims(issuer, audience, subject).build());
			String[] parts = valid.split("\\.");
			Instant now = Instant.now();
			List<ForgedTokens> corpus = new ArrayList<>();

			corpus.add(new ForgedTokens("alg none, no signature",
					b64("{\"alg\":\"none\",\"typ\":\"at+jwt\",\"kid\":\"" + key.getKeyID() + "\"}") + "." + parts[1]
							+ "."));
			corpus.add(new ForgedTokens("HS256 signed with the public key (algorithm confusion)",
					hs256WithPublicKey(key, parts[1])));
			corpus.add(new ForgedTokens("payload changed after signing", parts[0] + "."
					+ b64(claims(issuer, audience, UUID.randomUUID().toString()).build().toString()) + "." + parts[2]));
			corpus.add(new ForgedTokens("signature changed", parts[0] + "." + parts[1] + "." + flip(parts[2])));
			corpus.add(new ForgedTokens("signature cut off", parts[0] + "." + parts[1] + "."));
			corpus.add(new ForgedTokens("expired an hour ago",
					sign(key, header(key.getKeyID()).build(),
							claims(issuer, audience, subject).issueTime(java.util.Date.from(now.minusSeconds(4000)))
								.expirationTime(java.util.Date.from(now.minusSeconds(3600)))
								.build())));
			corpus.add(new ForgedTokens("not valid before tomorrow",
					sign(key, header(key.getKeyID()).build(),
							claims(issuer, audience, subject).notBeforeTime(java.util.Date.from(now.plusSeconds(86400)))
								.build())));
			corpus.add(new ForgedTokens("issued in the future",
					sign(key, header(key.getKeyID()).build(),
							claims(issuer, audience, subject).issueTime(java.util.Date.from(now.plusSeconds(3600)))
								.expirationTime(java.util.Date.from(now.plusSeconds(7200)))
								.build())));
			corpus.add(new ForgedTokens("another issuer", sign(key, header(key.getKeyID()).build(),
					claims("https://evil.example", audience, subject).build())));
			corpus.add(new ForgedTokens("another audience",
					sign(key, header(key.getKeyID()).build(), claims(issuer, "another-service", subject).build())));
			for (String claim : List.of("sub", "exp", "iat", "jti", "client_id", "aud", "iss")) {
				JWTClaimsSet.Builder without = claims(issuer, audience, subject).claim(claim, null);
				corpus.add(new ForgedTokens("no " + claim, sign(key, header(key.getKeyID()).build(), without.build())));
			}
			corpus.add(new ForgedTokens("typ JWT instead of at+jwt", sign(key,
					new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(),
					claims(issuer, audience, subject).build())));
			corpus.add(new ForgedTokens("no typ",
					sign(key, new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
							claims(issuer, audience, subject).build())));
			corpus.add(new ForgedTokens("a refresh token, which is opaque",
					"KexPKSrlIT5GcMfkX2REsCTFGWTVyVzGPITIbpbnjqA"));
			corpus.add(new ForgedTokens("signed by an unknown key",
					sign(attacker, header(attacker.getKeyID()).build(), claims(issuer, audience, subject).build())));
			corpus.add(new ForgedTokens("signed by an unknown key that claims the real kid",
					sign(attacker, header(key.getKeyID()).build(), claims(issuer, audience, subject).build())));
			corpus.add(new ForgedTokens("kid with a path", sign(attacker, header("../../../../etc/passwd").build(),
					claims(issuer, audience, subject).build())));
			corpus.add(new ForgedTokens("kid with SQL", sign(attacker,
					header("' or '1'='1'; drop table item; --").build(), claims(issuer, audience, subject).build())));
			corpus.add(new ForgedTokens("jku pointing at the attacker's keys",
					sign(attacker, header(attacker.getKeyID()).jwkURL(URI.create(attackerUrl + "/jku")).build(),
							claims(issuer, audience, subject).build())));
			corpus.add(new ForgedTokens("x5u pointing at the attacker's certificate",
					sign(attacker, header(attacker.getKeyID()).x509CertURL(URI.create(attackerUrl + "/x5u")).build(),
							claims(issuer, audience, subject).build())));
			corpus.add(new ForgedTokens("the attacker's key embedded as jwk",
					sign(attacker, header(attacker.getKeyID()).jwk(attacker.toPublicJWK()).build(),
							claims(issuer, audience, subject).build())));
			corpus.add(new ForgedTokens("huge payload", sign(attacker, header(attacker.getKeyID()).build(),
					claims(issuer, audience, subject).claim("padding", "x".repeat(6000)).build())));
			corpus.add(new ForgedTokens("not base64url", "eyJhbGciOiJSUzI1NiJ9!.e30*.c2ln"));
			corpus.add(new ForgedTokens("segments that are not JSON",
					b64("not json") + "." + b64("at all") + "." + parts[2]));
			corpus.add(new ForgedTokens("two segments only", parts[0] + "." + parts[1]));
			corpus.add(new ForgedTokens("duplicate sub claim, signed by the real key",
					signRaw(key, parts[0],
							"{\"sub\":\"" + subject + "\",\"sub\":\"" + UUID.randomUUID() + "\",\"iss\":\"" + issuer
									+ "\",\"aud\":\"" + audience + "\",\"exp\":" + (now.getEpochSecond() + 300)
									+ ",\"iat\":" + now.getEpochSecond()
									+ ",\"jti\":\"x\",\"client_id\":\"web\",\"scope\":\"data:read admin\"}")));
			return corpus;
		}
		catch (Exception ex) {
			throw new IllegalStateException("Cannot build the forged token corpus", ex);
		}
	}

	public static RSAKey rsaKey(String kid) throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(2048);
		var pair = generator.generateKeyPair();
		return new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey((RSAPrivateKey) pair.getPrivate())
			.keyID(kid)
			.build();
	}

	private static JWSHeader.Builder header(String kid) {
		return new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).type(new JOSEObjectType("at+jwt"));
	}

	private static JWTClaimsSet.Builder claims(String issuer, String audience, String subject) {
		Instant now = Instant.now();
		return new JWTClaimsSet.Builder().issuer(issuer)
			.audience(audience)
			.subject(subject)
			.issueTime(java.util.Date.from(now))
			.expirationTime(java.util.Date.from(now.plusSeconds(300)))
			.jwtID(UUID.randomUUID().toString())
			.claim("client_id", "web")
			.claim("scope", "data:read data:write admin");
	}

	private static String sign(JWK key, JWSHeader header, JWTClaimsSet claims) throws Exception {
		SignedJWT jwt = new SignedJWT(header, claims);
		jwt.sign(new RSASSASigner(key.toRSAKey()));
		return jwt.serialize();
	}

	/**
	 * Signs exactly these bytes, so the payload can be JSON that a JSON library would
	 * never write.
	 */
	private static String signRaw(RSAKey key, String encodedHeader, String payload) throws Exception {
		String signingInput = encodedHeader + "." + b64(payload);
		java.security.Signature rsa = java.security.Signature.getInstance("SHA256withRSA");
		rsa.initSign(key.toPrivateKey());
		rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
		return signingInput + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(rsa.sign());
	}

	private static String hs256WithPublicKey(RSAKey key, String encodedPayload) throws Exception {
		String header = b64("{\"alg\":\"HS256\",\"typ\":\"at+jwt\",\"kid\":\"" + key.getKeyID() + "\"}");
		String signingInput = header + "." + encodedPayload;
		byte[] secret = key.toRSAPublicKey().getEncoded();
		MACSigner signer = new MACSigner(secret);
		byte[] mac = signer.sign(new JWSHeader(JWSAlgorithm.HS256), signingInput.getBytes(StandardCharsets.US_ASCII))
			.decode();
		return signingInput + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(mac);
	}

	private static String b64(String text) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
	}

	private static String flip(String signature) {
		char last = signature.charAt(signature.length() - 2);
		return signature.substring(0, signature.length() - 2) + (last == 'A' ? 'B' : 'A')
				+ signature.charAt(signature.length() - 1);
	}

}
