package dev.authgateway.gateway.config;

import java.time.Clock;

import reactor.core.publisher.Mono;

import org.springframework.boot.security.autoconfigure.actuate.web.reactive.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.web.server.BearerTokenServerAuthenticationEntryPoint;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.ServerAuthenticationEntryPointFailureHandler;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.web.server.ServerWebExchange;

@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
@EnableScheduling
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
	 * The token service's endpoints that act for a logged-in user, who proves it with an access token. A
	 * bearer token is never sent by a browser on its own, so these need no CSRF protection.
	 */
	@Bean
	@Order(1)
	SecurityWebFilterChain bearerApiSecurity(ServerHttpSecurity http, ReactiveJwtDecoder accessTokenDecoder,
			ProblemResponses problems) {
		ServerAuthenticationEntryPoint entryPoint = bearerEntryPoint(problems);
		ServerAuthenticationEntryPointFailureHandler failureHandler = new ServerAuthenticationEntryPointFailureHandler(
				entryPoint);
		failureHandler.setRethrowAuthenticationServiceException(false);
		return jsonOnly(http, problems)
			.securityMatcher(
					ServerWebExchangeMatchers.pathMatchers("/auth/logout-all", "/auth/introspect", "/auth/admin/**"))
			.authorizeExchange((exchanges) -> exchanges.pathMatchers("/auth/admin/**")
				.hasAuthority("SCOPE_admin")
				.anyExchange()
				.authenticated())
			.oauth2ResourceServer((resourceServer) -> resourceServer.jwt((jwt) -> jwt.jwtDecoder(accessTokenDecoder))
				.authenticationEntryPoint(entryPoint)
				.authenticationFailureHandler(failureHandler)
				.accessDeniedHandler((exchange, ex) -> problems.write(exchange, ProblemDetail
					.forStatusAndDetail(HttpStatus.FORBIDDEN, "The access token does not grant this."))))
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(entryPoint))
			.build();
	}

	/**
	 * The token service's other endpoints: a stateless API. Login authenticates with a password in the body.
	 * The refresh cookie is the one credential a browser attaches by itself, and the endpoints that accept it
	 * check the contract's same-site rule themselves (see BrowserMode), so Spring's session-bound CSRF
	 * tokens have nothing to add.
	 */
	@Bean
	@Order(2)
	SecurityWebFilterChain tokenApiSecurity(ServerHttpSecurity http, ProblemResponses problems) {
		return jsonOnly(http, problems)
			.securityMatcher(ServerWebExchangeMatchers.pathMatchers("/auth/**", "/.well-known/**"))
			.authorizeExchange((exchanges) -> exchanges.anyExchange().permitAll())
			.build();
	}

	/**
	 * The API, forwarded to the resource service. A request without a token passes (public data exists); a
	 * request with a bearer token that is malformed, forged or expired is refused here with a 401 and never
	 * reaches the resource service, which still checks every token itself.
	 */
	@Bean
	@Order(3)
	SecurityWebFilterChain apiEdgeSecurity(ServerHttpSecurity http, ReactiveJwtDecoder accessTokenDecoder,
			ProblemResponses problems) {
		ServerAuthenticationEntryPoint entryPoint = bearerEntryPoint(problems);
		ServerAuthenticationEntryPointFailureHandler failureHandler = new ServerAuthenticationEntryPointFailureHandler(
				entryPoint);
		failureHandler.setRethrowAuthenticationServiceException(false);
		return stateless(http, problems).securityMatcher(ServerWebExchangeMatchers.pathMatchers("/api/**"))
			.authorizeExchange((exchanges) -> exchanges.anyExchange().permitAll())
			.oauth2ResourceServer((resourceServer) -> resourceServer.jwt((jwt) -> jwt.jwtDecoder(accessTokenDecoder))
				.authenticationEntryPoint(entryPoint)
				.authenticationFailureHandler(failureHandler))
			.build();
	}

	/**
	 * Everything else the gateway forwards: the single-page app (and the resource service's API document).
	 * The gateway adds its security headers here.
	 */
	@Bean
	@Order(4)
	SecurityWebFilterChain edgeSecurity(ServerHttpSecurity http, ProblemResponses problems) {
		return stateless(http, problems).authorizeExchange((exchanges) -> exchanges.anyExchange().permitAll())
			.build();
	}

	/** The token service answers JSON only: nothing it sends may run script, load anything or be framed. */
	private static ServerHttpSecurity jsonOnly(ServerHttpSecurity http, ProblemResponses problems) {
		return stateless(http, problems).headers((headers) -> headers
			.contentSecurityPolicy((csp) -> csp.policyDirectives("default-src 'none'; frame-ancestors 'none'")));
	}

	private static ServerHttpSecurity stateless(ServerHttpSecurity http, ProblemResponses problems) {
		return http.headers((headers) -> headers.writer(HttpsOnlyHeaders::strictTransportSecurity))
			// no CORS configuration: a page from another origin cannot read any answer of the gateway's
			.csrf(ServerHttpSecurity.CsrfSpec::disable)
			.httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
			.formLogin(ServerHttpSecurity.FormLoginSpec::disable)
			.logout(ServerHttpSecurity.LogoutSpec::disable)
			.requestCache((cache) -> cache.requestCache(NoOpServerRequestCache.getInstance()))
			.securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
			.exceptionHandling((exceptions) -> exceptions
				.authenticationEntryPoint((exchange, ex) -> problems.write(exchange,
						ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, "Authentication is required.")))
				.accessDeniedHandler((exchange, ex) -> problems.write(exchange,
						ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, "Access is denied."))));
	}

	/**
	 * Spring's bearer entry point sets {@code WWW-Authenticate: Bearer ...} and the status as RFC 6750 asks,
	 * then ends the response; we let it set the headers and write the problem body ourselves.
	 */
	private static ServerAuthenticationEntryPoint bearerEntryPoint(ProblemResponses problems) {
		BearerTokenServerAuthenticationEntryPoint bearer = new BearerTokenServerAuthenticationEntryPoint();
		return (exchange, ex) -> bearer.commence(headersOnly(exchange), ex)
			.then(Mono.defer(() -> problems.write(exchange, ProblemDetail.forStatusAndDetail(
					statusOf(exchange), "A valid bearer access token is required."))));
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

	private static HttpStatusCode statusOf(ServerWebExchange exchange) {
		HttpStatusCode status = exchange.getResponse().getStatusCode();
		return (status != null) ? status : HttpStatus.UNAUTHORIZED;
	}

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

}
