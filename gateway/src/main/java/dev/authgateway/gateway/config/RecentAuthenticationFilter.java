package dev.authgateway.gateway.config;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import reactor.core.publisher.Mono;

import dev.authgateway.support.problem.ProblemResponses;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Changes that need a recent authentication (RFC 9470): the access token's
 * {@code auth_time} must lie within the allowed age, or the answer is a 401 that says so
 * ({@code insufficient_user_authentication}, with {@code max_age}) and the client logs in
 * again. A token stolen from a session that is hours old cannot change a password or an
 * account.
 */
class RecentAuthenticationFilter implements WebFilter {

	private final ServerWebExchangeMatcher changes;

	private final Duration maxAge;

	private final Clock clock;

	private final ProblemResponses problems;

	RecentAuthenticationFilter(ServerWebExchangeMatcher changes, Duration maxAge, Clock clock,
			ProblemResponses problems) {
		this.changes = changes;
		this.maxAge = maxAge;
		this.clock = clock;
		this.problems = problems;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		return this.changes.matches(exchange)
			.flatMap((match) -> match.isMatch() ? ReactiveSecurityContextHolder.getContext()
				.map(SecurityContext::getAuthentication)
				// any other kind of caller has no auth_time to show: not recent
				.map((caller) -> (caller instanceof JwtAuthenticationToken jwt) && isRecent(jwt.getToken()))
				.defaultIfEmpty(false) : Mono.just(true))
			.flatMap((allowed) -> allowed ? chain.filter(exchange) : refuse(exchange));
	}

	private boolean isRecent(Jwt token) {
		Object claim = token.getClaims().get("auth_time");
		Instant authTime = (claim instanceof Instant instant) ? instant
				: (claim instanceof Number seconds) ? Instant.ofEpochSecond(seconds.longValue()) : null;
		// a token without it (issued before sessions carried it) is not recent
		return authTime != null && !authTime.isBefore(this.clock.instant().minus(this.maxAge));
	}

	private Mono<Void> refuse(ServerWebExchange exchange) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED,
				"This change needs a recent log-in: log in again, then retry.");
		problem.setTitle("Recent authentication required");
		problem.setProperty("error", "insufficient_user_authentication");
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.WWW_AUTHENTICATE,
				"Bearer error=\"insufficient_user_authentication\", error_description=\"A more recent authentication is required\", max_age=\""
						+ this.maxAge.toSeconds() + "\"");
		return this.problems.write(exchange, problem, headers);
	}

}
