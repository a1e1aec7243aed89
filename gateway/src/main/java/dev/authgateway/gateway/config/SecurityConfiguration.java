package dev.authgateway.gateway.config;

import java.time.Clock;

import org.springframework.boot.security.autoconfigure.actuate.web.reactive.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;

@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
public class SecurityConfiguration {

	/**
	 * The actuator, on its own management port that is never published or routed: health is open so that
	 * orchestrators can probe it, every other endpoint is refused.
	 */
	@Bean
	@Order(0)
	SecurityWebFilterChain managementSecurity(ServerHttpSecurity http) {
		return http.securityMatcher(EndpointRequest.toAnyEndpoint())
			.authorizeExchange((exchanges) -> exchanges.matchers(EndpointRequest.to("health"))
				.permitAll()
				.anyExchange()
				.denyAll())
			.csrf(ServerHttpSecurity.CsrfSpec::disable)
			.httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
			.formLogin(ServerHttpSecurity.FormLoginSpec::disable)
			.securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
			.build();
	}

	/**
	 * The token service's own endpoints: a stateless API. Callers authenticate with a password in the body,
	 * never with a session or a cookie that a browser would attach by itself, so there is nothing for CSRF
	 * to protect here and no session to create.
	 */
	@Bean
	@Order(1)
	SecurityWebFilterChain tokenApiSecurity(ServerHttpSecurity http, ProblemResponses problems) {
		return stateless(http, problems)
			.securityMatcher(ServerWebExchangeMatchers.pathMatchers("/auth/**", "/.well-known/**"))
			.authorizeExchange((exchanges) -> exchanges.anyExchange().permitAll())
			.build();
	}

	/**
	 * Everything the gateway forwards: the API (each token is checked by the resource service itself) and
	 * the single-page app. The gateway adds its security headers here.
	 */
	@Bean
	@Order(2)
	SecurityWebFilterChain edgeSecurity(ServerHttpSecurity http, ProblemResponses problems) {
		return stateless(http, problems).authorizeExchange((exchanges) -> exchanges.anyExchange().permitAll())
			.build();
	}

	private static ServerHttpSecurity stateless(ServerHttpSecurity http, ProblemResponses problems) {
		return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
			.httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
			.formLogin(ServerHttpSecurity.FormLoginSpec::disable)
			.logout(ServerHttpSecurity.LogoutSpec::disable)
			.anonymous(ServerHttpSecurity.AnonymousSpec::disable)
			.requestCache((cache) -> cache.requestCache(NoOpServerRequestCache.getInstance()))
			.securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
			.exceptionHandling((exceptions) -> exceptions
				.authenticationEntryPoint((exchange, ex) -> problems.write(exchange,
						ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, "Authentication is required.")))
				.accessDeniedHandler((exchange, ex) -> problems.write(exchange,
						ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, "Access is denied."))));
	}

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

}
