package dev.authgateway.gateway.token;

import java.time.Duration;
import java.util.Set;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSecurityContextJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;

import reactor.core.publisher.Flux;

import dev.authgateway.gateway.key.SigningKeys;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
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

	@Bean
	ReactiveJwtDecoder accessTokenDecoder(SigningKeys keys, TokenProperties properties) {
		NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder
			.withJwkSource((jwt) -> keys.publicJwkSet().flatMapMany((set) -> Flux.fromIterable(set.getKeys())))
			.jwtProcessorCustomizer((processor) -> processor.setJWSKeySelector(new JWSVerificationKeySelector<>(
					Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256), new JWKSecurityContextJWKSet())))
			.build();
		JwtTimestampValidator timestamps = new JwtTimestampValidator(Duration.ofSeconds(30));
		decoder.setJwtValidator(JwtValidators.createAtJwtValidator()
			.issuer(properties.issuer())
			.audience(properties.audience())
			.clientId(properties.clientId())
			.validators((validators) -> {
				validators.put("typ", new JwtTypeValidator(AccessTokenIssuer.ACCESS_TOKEN_TYPE));
				validators.put("exp", timestamps);
			})
			.build());
		return decoder;
	}

}
