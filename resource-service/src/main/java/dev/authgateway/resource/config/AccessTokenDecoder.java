package dev.authgateway.resource.config;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSecurityContextJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import io.netty.channel.ChannelOption;
import reactor.netty.http.client.HttpClient;

import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Builds the decoder that checks every access token: an RS256 or ES256 signature by a key from the gateway's JWK set,
 * and the RFC 9068 profile with this service's issuer, audience and clock skew.
 */
final class AccessTokenDecoder {

	private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

	private static final Duration READ_TIMEOUT = Duration.ofSeconds(3);

	private AccessTokenDecoder() {
	}

	static ReactiveJwtDecoder create(TokenProperties properties) {
		RateLimitedJwkSource keys = new RateLimitedJwkSource(jwkSetClient(), properties.jwkSetUri(),
				properties.jwkSetMaxAge(), properties.jwkSetMinRefetchInterval(), Clock.systemUTC());
		NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withJwkSource(keys)
			// the gateway signs with RS256 by default and ES256 when configured; nothing else is accepted
			.jwtProcessorCustomizer((processor) -> processor.setJWSKeySelector(
					new JWSVerificationKeySelector<>(Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256),
							new JWKSecurityContextJWKSet())))
			.build();
		decoder.setJwtValidator(validator(properties));
		return decoder;
	}

	static OAuth2TokenValidator<Jwt> validator(TokenProperties properties) {
		JwtTimestampValidator timestamps = new JwtTimestampValidator(properties.clockSkew());
		return JwtValidators.createAtJwtValidator()
			.issuer(properties.issuer())
			.audience(properties.audience())
			.validators((validators) -> {
				// RFC 9068 names the type "at+jwt"; Spring's builder also takes "application/at+jwt", we do not
				validators.put("typ", new JwtTypeValidator("at+jwt"));
				validators.put(JwtClaimNames.EXP, both(required(JwtClaimNames.EXP), timestamps));
				validators.put(JwtClaimNames.IAT, both(required(JwtClaimNames.IAT), timestamps,
						notIssuedInTheFuture(properties.clockSkew())));
				validators.put(JwtClaimNames.SUB, new JwtClaimValidator<String>(JwtClaimNames.SUB,
						AccessTokenDecoder::isUuid));
				validators.put("client_id", required("client_id"));
			})
			.build();
	}

	private static OAuth2TokenValidator<Jwt> required(String claim) {
		return new JwtClaimValidator<Object>(claim, Objects::nonNull);
	}

	@SafeVarargs
	private static OAuth2TokenValidator<Jwt> both(OAuth2TokenValidator<Jwt>... validators) {
		return new DelegatingOAuth2TokenValidator<>(validators);
	}

	/** Spring checks {@code exp} and {@code nbf} only; a token from the future means a broken or forged issuer. */
	private static OAuth2TokenValidator<Jwt> notIssuedInTheFuture(Duration clockSkew) {
		return new JwtClaimValidator<Instant>(JwtClaimNames.IAT,
				(issuedAt) -> issuedAt != null && !issuedAt.isAfter(Instant.now().plus(clockSkew)));
	}

	private static boolean isUuid(String subject) {
		if (subject == null) {
			return false;
		}
		try {
			return UUID.fromString(subject).toString().equals(subject);
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	/** A JWK set fetch never hangs a request: it fails within a few seconds and the token is refused. */
	private static WebClient jwkSetClient() {
		HttpClient http = HttpClient.create()
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) CONNECT_TIMEOUT.toMillis())
			.responseTimeout(READ_TIMEOUT);
		return WebClient.builder().clientConnector(new ReactorClientHttpConnector(http)).build();
	}

}
