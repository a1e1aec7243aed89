package dev.authgateway.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import reactor.core.publisher.Flux;

import reactor.core.publisher.Mono;

import dev.authgateway.support.token.AccessTokenRules;
import dev.authgateway.support.token.VerifiedTokenCache;

import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/**
 * What a token costs a request: signing one (a login or refresh) and verifying one with
 * the decoder and rules both services use (every /api call), for RS256 (the default) and
 * ES256.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class TokenVerificationBenchmark {

	private static final String ISSUER = "http://localhost:8080";

	private static final String AUDIENCE = "resource-service";

	private NimbusJwtEncoder encoder;

	private ReactiveJwtDecoder decoder;

	private ReactiveJwtDecoder cachingDecoder;

	private String rs256Token;

	private String es256Token;

	@Setup
	public void setUp() throws JOSEException {
		JWK rsa = new RSAKeyGenerator(2048).keyID("rsa").keyUse(KeyUse.SIGNATURE).generate();
		JWK ec = new ECKeyGenerator(Curve.P_256).keyID("ec").keyUse(KeyUse.SIGNATURE).generate();
		this.encoder = new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(List.of(rsa, ec))));
		List<JWK> published = List.of(rsa.toPublicJWK(), ec.toPublicJWK());
		NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withJwkSource((jwt) -> Flux.fromIterable(published))
			.jwtProcessorCustomizer(AccessTokenRules.signatureAlgorithms())
			.build();
		decoder.setJwtValidator(AccessTokenRules.validator(ISSUER, AUDIENCE, Duration.ofSeconds(30)));
		this.decoder = decoder;
		this.cachingDecoder = new VerifiedTokenCache(decoder, (kid) -> Mono.just(true));
		this.rs256Token = sign(SignatureAlgorithm.RS256, "rsa");
		this.es256Token = sign(SignatureAlgorithm.ES256, "ec");
	}

	@Benchmark
	public String signRs256() {
		return sign(SignatureAlgorithm.RS256, "rsa");
	}

	@Benchmark
	public String signEs256() {
		return sign(SignatureAlgorithm.ES256, "ec");
	}

	@Benchmark
	public Jwt verifyRs256() {
		return this.decoder.decode(this.rs256Token).block();
	}

	/** The same token again, as every request after a client's first one presents it. */
	@Benchmark
	public Jwt verifyRs256Remembered() {
		return this.cachingDecoder.decode(this.rs256Token).block();
	}

	@Benchmark
	public Jwt verifyEs256() {
		return this.decoder.decode(this.es256Token).block();
	}

	private String sign(SignatureAlgorithm algorithm, String keyId) {
		Instant now = Instant.now();
		JwsHeader header = JwsHeader.with(algorithm).type(AccessTokenRules.TYPE).keyId(keyId).build();
		JwtClaimsSet claims = JwtClaimsSet.builder()
			.issuer(ISSUER)
			.subject(UUID.randomUUID().toString())
			.audience(List.of(AUDIENCE))
			.issuedAt(now)
			.expiresAt(now.plus(Duration.ofMinutes(5)))
			.id(UUID.randomUUID().toString())
			.claim("client_id", "web")
			.claim("scope", "data:read data:write")
			.claim("preferred_username", "alice")
			.build();
		return this.encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
	}

}
