package dev.authgateway.resource.config;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;

import dev.authgateway.support.ManagementPort;
import dev.authgateway.support.ManagementSecurity;
import dev.authgateway.support.problem.BearerProblems;
import dev.authgateway.support.problem.ProblemResponses;
import dev.authgateway.support.dpop.DPoPAuthenticationConverter;
import dev.authgateway.support.dpop.DPoPProofReplayCache;
import dev.authgateway.support.dpop.DPoPReactiveAuthenticationManager;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;

@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
public class SecurityConfiguration {

	@Bean
	@Order(0)
	SecurityWebFilterChain managementSecurity(ServerHttpSecurity http, ManagementPort managementPort) {
		return ManagementSecurity.chain(http, managementPort);
	}

	/**
	 * Every rule for the API: the scope each method needs is stated here, ownership
	 * (owner or admin) in Caller. An access token is the only credential, as a bearer
	 * token or bound to a DPoP key with a proof: no session, no cookie, so no CSRF
	 * protection is needed.
	 */
	@Bean
	@Order(1)
	SecurityWebFilterChain apiSecurity(ServerHttpSecurity http, ReactiveJwtDecoder decoder,
			DPoPProofReplayCache dpopProofs, @Value("${tokens.issuer}") URI publicUrl, ProblemResponses problems) {
		// bearer tokens, and DPoP-bound tokens with proofs whose htu is the public URL:
		// every client reaches this service through the gateway, at the issuer's origin,
		// with paths unchanged
		DPoPReactiveAuthenticationManager tokens = new DPoPReactiveAuthenticationManager(decoder, dpopProofs);
		ServerAuthenticationEntryPoint entryPoint = BearerProblems.entryPoint(problems);
		ServerAccessDeniedHandler accessDenied = BearerProblems.accessDenied(problems);
		return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
			.httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
			.formLogin(ServerHttpSecurity.FormLoginSpec::disable)
			.logout(ServerHttpSecurity.LogoutSpec::disable)
			.requestCache((cache) -> cache.requestCache(NoOpServerRequestCache.getInstance()))
			.securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
			.authorizeExchange((exchanges) -> exchanges.pathMatchers(HttpMethod.GET, "/api/public-data")
				.permitAll()
				.pathMatchers(HttpMethod.GET, "/v3/api-docs", "/v3/api-docs/**")
				.permitAll()
				.pathMatchers(HttpMethod.GET, "/api/protected-data", "/api/protected-data/*")
				.hasAuthority("SCOPE_data:read")
				.pathMatchers(HttpMethod.POST, "/api/protected-data")
				.hasAuthority("SCOPE_data:write")
				.pathMatchers(HttpMethod.PUT, "/api/protected-data/*")
				.hasAuthority("SCOPE_data:write")
				.pathMatchers(HttpMethod.DELETE, "/api/protected-data/*")
				.hasAuthority("SCOPE_data:write")
				.anyExchange()
				.authenticated())
			.oauth2ResourceServer(
					(resourceServer) -> resourceServer.bearerTokenConverter(new DPoPAuthenticationConverter(publicUrl))
						.jwt((jwt) -> jwt.authenticationManager(tokens))
						.authenticationEntryPoint(entryPoint)
						.authenticationFailureHandler(BearerProblems.failureHandler(entryPoint))
						.accessDeniedHandler(accessDenied))
			.exceptionHandling(
					(exceptions) -> exceptions.authenticationEntryPoint(entryPoint).accessDeniedHandler(accessDenied))
			.build();
	}

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	ReactiveJwtDecoder accessTokenDecoder(TokenProperties properties, MeterRegistry meters) {
		return AccessTokenDecoder.create(properties, meters);
	}

	@Bean
	DPoPProofReplayCache dpopProofReplayCache(@Value("${tokens.dpop.proof-max-age:60s}") Duration proofMaxAge,
			@Value("${tokens.dpop.clock-skew:30s}") Duration clockSkew) {
		return new DPoPProofReplayCache(proofMaxAge, clockSkew);
	}

}
