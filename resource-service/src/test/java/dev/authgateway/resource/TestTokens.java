package dev.authgateway.resource;

import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * Plays the gateway for the resource service's tests: an RSA key, its JWK set served over
 * HTTP on a random port, and access tokens shaped like the gateway's that a test can bend
 * one header or claim at a time.
 */
public final class TestTokens implements AutoCloseable {

	public static final String ISSUER = "http://gateway.test";

	public static final String AUDIENCE = "resource-service";

	private final RSAKey key;

	private final NimbusJwtEncoder encoder;

	private final DisposableServer server;

	public TestTokens() {
		this.key = generateKey();
		this.encoder = new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(this.key)));
		String jwkSet = new JWKSet(this.key.toPublicJWK()).toString();
		this.server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.route((routes) -> routes.get("/.well-known/jwks.json",
					(request, response) -> response.header("Content-Type", "application/json")
						.sendString(Mono.just(jwkSet))))
			.bindNow();
	}

	/**
	 * The signing key, private part included, for building forged variants of real
	 * tokens.
	 */
	public RSAKey key() {
		return this.key;
	}

	public String jwkSetUri() {
		return "http://127.0.0.1:" + this.server.port() + "/.well-known/jwks.json";
	}

	public String accessToken(UUID subject, String scope) {
		return accessToken(subject, scope, (header) -> {
		}, (claims) -> {
		});
	}

	public String accessToken(UUID subject, String scope, Consumer<JwsHeader.Builder> header,
			Consumer<JwtClaimsSet.Builder> claims) {
		Instant now = Instant.now();
		JwsHeader.Builder headerBuilder = JwsHeader.with(SignatureAlgorithm.RS256)
			.keyId(this.key.getKeyID())
			.type("at+jwt");
		header.accept(headerBuilder);
		JwtClaimsSet.Builder claimsBuilder = JwtClaimsSet.builder()
			.issuer(ISSUER)
			.subject(subject.toString())
			.audience(List.of(AUDIENCE))
			.issuedAt(now)
			.expiresAt(now.plusSeconds(300))
			.id(UUID.randomUUID().toString())
			.claim("client_id", "web")
			.claim("scope", scope);
		claims.accept(claimsBuilder);
		return this.encoder.encode(JwtEncoderParameters.from(headerBuilder.build(), claimsBuilder.build()))
			.getTokenValue();
	}

	@Override
	public void close() {
		this.server.disposeNow();
	}

	private static RSAKey generateKey() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			var pair = generator.generateKeyPair();
			return new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey((RSAPrivateKey) pair.getPrivate())
				.keyID(UUID.randomUUID().toString())
				.keyUse(KeyUse.SIGNATURE)
				.build();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
