package dev.authgateway.resource.config;

import java.time.Clock;
import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.ChannelOption;
import reactor.netty.http.client.HttpClient;

import dev.authgateway.support.token.AccessTokenRules;
import dev.authgateway.support.token.VerifiedTokenCache;

import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Builds the decoder that checks every access token: a signature by a key from the
 * gateway's JWK set, and the access token rules with this service's issuer, audience and
 * clock skew.
 */
final class AccessTokenDecoder {

	private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

	private static final Duration READ_TIMEOUT = Duration.ofSeconds(3);

	private AccessTokenDecoder() {
	}

	static ReactiveJwtDecoder create(TokenProperties properties, MeterRegistry meters) {
		RateLimitedJwkSource keys = new RateLimitedJwkSource(jwkSetClient(), properties.jwkSetUri(),
				properties.jwkSetMaxAge(), properties.jwkSetMinRefetchInterval(), Clock.systemUTC(), meters);
		NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withJwkSource(keys)
			.jwtProcessorCustomizer(AccessTokenRules.signatureAlgorithms())
			.build();
		decoder.setJwtValidator(
				AccessTokenRules.validator(properties.issuer(), properties.audience(), properties.clockSkew()));
		// a client sends the same token for minutes: its signature is checked once, its
		// key on every request
		return new VerifiedTokenCache(decoder, keys::stillPublished);
	}

	/**
	 * A JWK set fetch never hangs a request: it fails within a few seconds and the token
	 * is refused.
	 */
	private static WebClient jwkSetClient() {
		HttpClient http = HttpClient.create()
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) CONNECT_TIMEOUT.toMillis())
			.responseTimeout(READ_TIMEOUT);
		return WebClient.builder().clientConnector(new ReactorClientHttpConnector(http)).build();
	}

}
