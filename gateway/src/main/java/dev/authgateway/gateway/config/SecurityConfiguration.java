package dev.authgateway.gateway.config;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;

import reactor.core.publisher.Mono;

import dev.authgateway.support.ManagementPort;
import dev.authgateway.support.ManagementSecurity;
import dev.authgateway.support.problem.BearerProblems;
import dev.authgateway.support.problem.ProblemResponses;
import dev.authgateway.support.dpop.DPoPAuthenticationConverter;
import dev.authgateway.support.dpop.DPoPProofReplayCache;
import dev.authgateway.support.dpop.DPoPReactiveAuthenticationManager;
import dev.authgateway.gateway.admin.LiveAdminAuthorization;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.ReactiveAuthorizationManager;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authorization.AuthorizationContext;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.security.web.server.util.matcher.AndServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.NegatedServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;

@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
@EnableScheduling
@EnableConfigurationProperties(CorsProperties.class)
public class SecurityConfiguration {

	private final URI publicUrl;

	SecurityConfiguration(@Value("${tokens.issuer}") URI publicUrl) {
		this.publicUrl = publicUrl;
	}

	@Bean
	@Order(0)
	SecurityWebFilterChain managementSecurity(ServerHttpSecurity http, ManagementPort managementPort) {
		return ManagementSecurity.chain(http, managementPort);
	}

	/**
	 * The token service's endpoints that act for a logged-in user, who proves it with an
	 * access token. A bearer token is never sent by a browser on its own, so these need
	 * no CSRF protection.
	 */
	@Bean
	@Order(1)
	SecurityWebFilterChain bearerApiSecurity(ServerHttpSecurity http, ReactiveJwtDecoder accessTokenDecoder,
			DPoPProofReplayCache dpopProofs, @Value("${tokens.issuer}") URI publicUrl, ProblemResponses problems,
			CorsProperties cors, ObjectProvider<LiveAdminAuthorization> liveAdmin,
			@Value("${accounts.recent-authentication:5m}") Duration recentAuthentication, Clock clock) {
		ServerAuthenticationEntryPoint entryPoint = BearerProblems.entryPoint(problems);
		// a password change, a second factor's change and every change an admin makes
		// need a recent log-in
		ServerWebExchangeMatcher changesNeedingRecentLogin = ServerWebExchangeMatchers.matchers(
				ServerWebExchangeMatchers.pathMatchers(HttpMethod.PUT, "/auth/account/password"),
				ServerWebExchangeMatchers.pathMatchers(HttpMethod.POST, "/auth/account/totp",
						"/auth/account/recovery-codes", "/auth/account/passkeys/options"),
				ServerWebExchangeMatchers.pathMatchers(HttpMethod.DELETE, "/auth/account/totp",
						"/auth/account/passkeys/*"),
				new AndServerWebExchangeMatcher(ServerWebExchangeMatchers.pathMatchers("/auth/admin/**"),
						new NegatedServerWebExchangeMatcher(
								ServerWebExchangeMatchers.pathMatchers(HttpMethod.GET, "/auth/admin/**"))));
		return jsonOnly(http, problems, cors)
			.securityMatcher(ServerWebExchangeMatchers.pathMatchers("/auth/logout-all", "/auth/introspect",
					"/auth/admin/**", "/auth/account", "/auth/account/**"))
			.authorizeExchange((exchanges) -> exchanges.pathMatchers("/auth/admin/**")
				.access(adminAuthorization(liveAdmin))
				// a bearer token, when sent, is checked as anywhere else; without one the
				// refresh cookie may do
				.pathMatchers("/auth/logout-all")
				.permitAll()
				.anyExchange()
				.authenticated())
			.oauth2ResourceServer(
					(resourceServer) -> resourceServer.bearerTokenConverter(new DPoPAuthenticationConverter(publicUrl))
						.jwt((jwt) -> jwt.authenticationManager(accessTokens(accessTokenDecoder, dpopProofs)))
						.authenticationEntryPoint(entryPoint)
						.authenticationFailureHandler(BearerProblems.failureHandler(entryPoint))
						.accessDeniedHandler(BearerProblems.accessDenied(problems)))
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(entryPoint))
			.addFilterAfter(
					new RecentAuthenticationFilter(changesNeedingRecentLogin, recentAuthentication, clock, problems),
					SecurityWebFiltersOrder.AUTHORIZATION)
			.build();
	}

	/**
	 * Bearer tokens, and DPoP-bound tokens with proofs for the public URL (RFC 9449
	 * section 7); a bound token as a bearer token is refused.
	 */
	private static DPoPReactiveAuthenticationManager accessTokens(ReactiveJwtDecoder decoder,
			DPoPProofReplayCache proofs) {
		return new DPoPReactiveAuthenticationManager(decoder, proofs);
	}

	/**
	 * How fresh a DPoP proof must be, and the proofs accepted, at the token endpoints and
	 * the API alike.
	 */
	@Bean
	DPoPProofReplayCache dpopProofs(@Value("${tokens.dpop.proof-max-age:60s}") Duration proofMaxAge,
			@Value("${tokens.dpop.clock-skew:30s}") Duration clockSkew) {
		return new DPoPProofReplayCache(proofMaxAge, clockSkew);
	}

	/**
	 * Closed when the live check is missing: slices of the application that test other
	 * endpoints.
	 */
	private static ReactiveAuthorizationManager<AuthorizationContext> adminAuthorization(
			ObjectProvider<LiveAdminAuthorization> liveAdmin) {
		LiveAdminAuthorization live = liveAdmin.getIfAvailable();
		return (live != null) ? live : (caller, context) -> Mono.just(new AuthorizationDecision(false));
	}

	/**
	 * The token service's other endpoints: a stateless API. Login authenticates with a
	 * password in the body. The refresh cookie is the one credential a browser attaches
	 * by itself, and the endpoints that accept it check the contract's same-site rule
	 * themselves (see BrowserMode), so Spring's session-bound CSRF tokens have nothing to
	 * add.
	 */
	@Bean
	@Order(2)
	SecurityWebFilterChain tokenApiSecurity(ServerHttpSecurity http, ProblemResponses problems, CorsProperties cors) {
		return jsonOnly(http, problems, cors)
			.securityMatcher(ServerWebExchangeMatchers.pathMatchers("/auth/**", "/.well-known/**"))
			.authorizeExchange((exchanges) -> exchanges.anyExchange().permitAll())
			.build();
	}

	/**
	 * The API, forwarded to the resource service. A read without a token passes (public
	 * data exists), a write without one is refused; a request with a bearer token that is
	 * malformed, forged or expired is refused here with a 401 and never reaches the
	 * resource service, which still checks every token itself.
	 */
	@Bean
	@Order(3)
	SecurityWebFilterChain apiEdgeSecurity(ServerHttpSecurity http, ReactiveJwtDecoder accessTokenDecoder,
			DPoPProofReplayCache dpopProofs, @Value("${tokens.issuer}") URI publicUrl, ProblemResponses problems,
			CorsProperties cors) {
		ServerAuthenticationEntryPoint entryPoint = BearerProblems.entryPoint(problems);
		return stateless(http, problems, cors).securityMatcher(ServerWebExchangeMatchers.pathMatchers("/api/**"))
			// every write of the API needs a token: one without is refused here, before
			// its body is forwarded
			.authorizeExchange((exchanges) -> exchanges.pathMatchers(HttpMethod.GET, "/api/**")
				.permitAll()
				.pathMatchers(HttpMethod.HEAD, "/api/**")
				.permitAll()
				.pathMatchers(HttpMethod.OPTIONS, "/api/**")
				.permitAll()
				.anyExchange()
				.authenticated())
			.oauth2ResourceServer(
					(resourceServer) -> resourceServer.bearerTokenConverter(new DPoPAuthenticationConverter(publicUrl))
						.jwt((jwt) -> jwt.authenticationManager(accessTokens(accessTokenDecoder, dpopProofs)))
						.authenticationEntryPoint(entryPoint)
						.authenticationFailureHandler(BearerProblems.failureHandler(entryPoint)))
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(entryPoint))
			.build();
	}

	/**
	 * Swagger UI, when the API documents are on (ApiDocumentsSwitch): its own scripts and
	 * styles only, nothing from another origin, never framed. Its style attributes need
	 * inline styles; no inline script runs.
	 */
	@Bean
	@Order(4)
	SecurityWebFilterChain apiDocumentSecurity(ServerHttpSecurity http, ProblemResponses problems,
			CorsProperties cors) {
		return stateless(http, problems, cors)
			.securityMatcher(ServerWebExchangeMatchers.pathMatchers("/swagger-ui.html", "/swagger-ui/**",
					"/webjars/swagger-ui/**", "/v3/api-docs/**"))
			.authorizeExchange((exchanges) -> exchanges.anyExchange().permitAll())
			.headers((headers) -> headers.contentSecurityPolicy((csp) -> csp.policyDirectives(
					"default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; object-src 'none'; "
							+ "base-uri 'none'; form-action 'self'; frame-ancestors 'none'")))
			.build();
	}

	/**
	 * Everything else the gateway forwards: the single-page app. The gateway adds its
	 * security headers here.
	 */
	@Bean
	@Order(5)
	SecurityWebFilterChain edgeSecurity(ServerHttpSecurity http, ProblemResponses problems, CorsProperties cors) {
		return stateless(http, problems, cors).authorizeExchange((exchanges) -> exchanges.anyExchange().permitAll())
			.build();
	}

	/**
	 * The token service answers JSON only: nothing it sends may run script, load anything
	 * or be framed.
	 */
	private ServerHttpSecurity jsonOnly(ServerHttpSecurity http, ProblemResponses problems, CorsProperties cors) {
		return stateless(http, problems, cors).headers((headers) -> headers
			.contentSecurityPolicy((csp) -> csp.policyDirectives("default-src 'none'; frame-ancestors 'none'")));
	}

	private ServerHttpSecurity stateless(ServerHttpSecurity http, ProblemResponses problems, CorsProperties cors) {
		return http.headers((headers) -> headers.writer(HttpsOnlyHeaders::strictTransportSecurity))
			// only the origins in cors.allowed-origins (none by default) may read the
			// gateway's answers
			.cors((spec) -> spec.configurationSource(cors.source(this.publicUrl)))
			.csrf(ServerHttpSecurity.CsrfSpec::disable)
			.httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
			.formLogin(ServerHttpSecurity.FormLoginSpec::disable)
			.logout(ServerHttpSecurity.LogoutSpec::disable)
			.requestCache((cache) -> cache.requestCache(NoOpServerRequestCache.getInstance()))
			.securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
			.exceptionHandling(
					(exceptions) -> exceptions
						.authenticationEntryPoint((exchange, ex) -> problems.write(exchange,
								ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED,
										"Authentication is required.")))
						.accessDeniedHandler((exchange, ex) -> problems.write(exchange,
								ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, "Access is denied."))));
	}

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

}
