package dev.authgateway.gateway.token;

import reactor.core.publisher.Flux;

import dev.authgateway.support.token.AccessTokenRules;
import dev.authgateway.support.token.VerifiedTokenCache;
import dev.authgateway.gateway.key.SigningKeys;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/**
 * How the gateway checks access tokens: on its own endpoints (logout everywhere,
 * introspection, admin) and on /api before forwarding. Against its own published keys,
 * read locally, with the same rules as the resource service (AccessTokenRules).
 */
@Configuration(proxyBeanMethods = false)
class AccessTokenVerification {

	@Bean
	ReactiveJwtDecoder accessTokenDecoder(SigningKeys keys, TokenProperties properties) {
		NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder
			.withJwkSource((jwt) -> keys.publicJwkSet().flatMapMany((set) -> Flux.fromIterable(set.getKeys())))
			.jwtProcessorCustomizer(AccessTokenRules.signatureAlgorithms())
			.build();
		decoder.setJwtValidator(AccessTokenRules.validator(properties.issuer(), properties.audience(),
				AccessTokenRules.DEFAULT_CLOCK_SKEW));
		// a client sends the same token for minutes: its signature is checked once, its
		// key on every request
		return new VerifiedTokenCache(decoder, keys::isPublished);
	}

}
