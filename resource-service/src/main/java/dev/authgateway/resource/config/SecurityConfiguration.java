package dev.authgateway.resource.config;

import java.time.Clock;

import reactor.core.publisher.Mono;

import org.springframework.boot.security.autoconfigure.actuate.web.reactive.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.http.ProblemDetail;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.web.access.server.BearerTokenServerAccessDeniedHandler;
import org.springframework.security.oauth2.server.resource.web.server.BearerTokenServerAuthenticationEntryPoint;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.ServerAuthenticationEntryPointFailureHandler;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.web.server.ServerWebExchange;

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
	 * Every rule for the API: the scope each method needs is stated here, ownership (owner or admin) in
	 * Caller. A bearer token is the only credential: no session, no cookie, so no CSRF protection is needed.
	 */
	@Bean
	@Order(1)
	SecurityWebFilterChain apiSecurity(ServerHttpSecurity http, ReactiveJwtDecoder decoder,
			ProblemResponses problems) {
		ServerAuthenticationEntryPoint entryPoint = bearerEntryPoint(problems);
		ServerAuthenticationEntryPointFailureHandler failureHandler = new ServerAuthenticationEntryPointFailureHandler(
				entryPoint);
		// a token that cannot be checked (say, the JWK set is unreachable) is refused like a bad one: 401, not 500
		failureHandler.setRethrowAuthenticationServiceException(false);
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
			.oauth2ResourceServer((resourceServer) -> resourceServer.jwt((jwt) -> jwt.jwtDecoder(decoder))
				.authenticationEntryPoint(entryPoint)
				.authenticationFailureHandler(failureHandler)
				.accessDeniedHandler(bearerAccessDenied(problems)))
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(entryPoint)
				.accessDeniedHandler(bearerAccessDenied(problems)))
			.build();
	}

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	ReactiveJwtDecoder accessTokenDecoder(TokenProperties properties) {
		return AccessTokenDecoder.create(properties);
	}

	/**
	 * Spring's bearer handlers set {@code WWW-Authenticate: Bearer ...} and the status as RFC 6750 asks, then
	 * end the response; we let them set the headers and add the problem body ourselves.
	 */
	private static ServerAuthenticationEntryPoint bearerEntryPoint(ProblemResponses problems) {
		BearerTokenServerAuthenticationEntryPoint bearer = new BearerTokenServerAuthenticationEntryPoint();
		return (exchange, ex) -> bearer.commence(headersOnly(exchange), ex)
			.then(Mono.defer(() -> problems.write(exchange, ProblemDetail.forStatusAndDetail(
					statusOf(exchange, HttpStatus.UNAUTHORIZED), "A valid bearer access token is required."))));
	}

	private static ServerAccessDeniedHandler bearerAccessDenied(ProblemResponses problems) {
		BearerTokenServerAccessDeniedHandler bearer = new BearerTokenServerAccessDeniedHandler();
		return (exchange, ex) -> bearer.handle(headersOnly(exchange), ex)
			.then(Mono.defer(() -> problems.write(exchange, ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN,
					"The access token does not grant this."))));
	}

	private static ServerWebExchange headersOnly(ServerWebExchange exchange) {
		ServerHttpResponseDecorator response = new ServerHttpResponseDecorator(exchange.getResponse()) {
			@Override
			public Mono<Void> setComplete() {
				return Mono.empty();
			}
		};
		return exchange.mutate().response(response).build();
	}

	private static HttpStatusCode statusOf(ServerWebExchange exchange, HttpStatus fallback) {
		HttpStatusCode status = exchange.getResponse().getStatusCode();
		return (status != null) ? status : fallback;
	}

}
