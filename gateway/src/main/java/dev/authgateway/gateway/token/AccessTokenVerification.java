package dev.authgateway.gateway.token;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSecurityContextJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;

import reactor.core.publisher.Flux;

import dev.authgateway.gateway.key.SigningKeys;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
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

/**
 * How the gateway checks access tokens presented to its own endpoints (logout everywhere, introspection):
 * against its own published keys, read locally, with the same RFC 9068 rules as the resource service.
 */
@Configuration(proxyBeanMethods = false)
class AccessTokenVerification {

	private static final Duration CLOCK_SKEW = Duration.ofSeconds(30);

	@Bean
	ReactiveJwtDecoder accessTokenDecoder(SigningKeys keys, TokenProperties properties) {
		NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder
			.withJwkSource((jwt) -> keys.publicJwkSet().flatMapMany((set) -> Flux.fromIterable(set.getKeys())))
			.jwtProcessorCustomizer((processor) -> processor.setJWSKeySelector(new JWSVerificationKeySelector<>(
					Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256), new JWKSecurityContextJWKSet())))
			.build();
		JwtTimestampValidator timestamps = new JwtTimestampValidator(CLOCK_SKEW);
		decoder.setJwtValidator(JwtValidators.createAtJwtValidator()
			.issuer(properties.issuer())
			.audience(properties.audience())
			.clientId(properties.clientId())
			.validators((validators) -> {
				// RFC 9068 names the type "at+jwt"; Spring's builder also takes "application/at+jwt", we do not
				validators.put("typ", new JwtTypeValidator(AccessTokenIssuer.ACCESS_TOKEN_TYPE));
				validators.put(JwtClaimNames.EXP, all(present(JwtClaimNames.EXP), timestamps));
				validators.put(JwtClaimNames.IAT, all(present(JwtClaimNames.IAT), timestamps,
						new JwtClaimValidator<Instant>(JwtClaimNames.IAT,
								(issuedAt) -> issuedAt != null && !issuedAt.isAfter(Instant.now().plus(CLOCK_SKEW)))));
			})
			.build());
		return decoder;
	}

	private static OAuth2TokenValidator<Jwt> present(String claim) {
		return new JwtClaimValidator<Object>(claim, Objects::nonNull);
	}

	@SafeVarargs
	private static OAuth2TokenValidator<Jwt> all(OAuth2TokenValidator<Jwt>... validators) {
		return new DelegatingOAuth2TokenValidator<>(validators);
	}

}
