package dev.authgateway.support.problem;

import java.util.stream.Collectors;

import com.nimbusds.jose.JWSAlgorithm;

import reactor.core.publisher.Mono;

import dev.authgateway.support.dpop.DPoPReactiveAuthenticationManager;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.security.oauth2.server.resource.web.access.server.BearerTokenServerAccessDeniedHandler;
import org.springframework.security.oauth2.server.resource.web.server.BearerTokenServerAuthenticationEntryPoint;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.ServerAuthenticationEntryPointFailureHandler;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.web.server.ServerWebExchange;

/**
 * The answers to a missing, bad or insufficient bearer token: RFC 6750's
 * {@code WWW-Authenticate: Bearer} header, set by Spring's own handlers, with an RFC 9457
 * problem body that they do not write.
 */
public final class BearerProblems {

	private BearerProblems() {
	}

	public static ServerAuthenticationEntryPoint entryPoint(ProblemResponses problems) {
		BearerTokenServerAuthenticationEntryPoint bearer = new BearerTokenServerAuthenticationEntryPoint();
		return (exchange, ex) -> bearer.commence(headersOnly(exchange), ex)
			.then(Mono.fromRunnable(() -> dpopChallenge(exchange)))
			.then(Mono.defer(() -> problems.write(exchange,
					ProblemDetail.forStatusAndDetail(statusOf(exchange), "A valid bearer access token is required."))));
	}

	/**
	 * A request made with a DPoP-bound token is answered in its scheme (RFC 9449 section
	 * 7.1): the same error, under {@code DPoP}, with the algorithms a proof may use.
	 */
	private static void dpopChallenge(ServerWebExchange exchange) {
		String authorization = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
		HttpHeaders headers = exchange.getResponse().getHeaders();
		String challenge = headers.getFirst(HttpHeaders.WWW_AUTHENTICATE);
		if (authorization == null || !authorization.regionMatches(true, 0, "DPoP ", 0, 5) || challenge == null
				|| !challenge.startsWith("Bearer")) {
			return;
		}
		String algorithms = DPoPReactiveAuthenticationManager.ALGORITHMS.stream()
			.map(JWSAlgorithm::getName)
			.sorted()
			.collect(Collectors.joining(" "));
		String parameters = challenge.substring("Bearer".length()).strip();
		headers.set(HttpHeaders.WWW_AUTHENTICATE,
				"DPoP algs=\"" + algorithms + "\"" + (parameters.isEmpty() ? "" : ", " + parameters));
	}

	/**
	 * A token that cannot be checked (say, the keys are unreachable) is refused like a
	 * bad one: 401, not the 500 that Spring would answer by rethrowing.
	 */
	public static ServerAuthenticationEntryPointFailureHandler failureHandler(
			ServerAuthenticationEntryPoint entryPoint) {
		ServerAuthenticationEntryPointFailureHandler handler = new ServerAuthenticationEntryPointFailureHandler(
				entryPoint);
		handler.setRethrowAuthenticationServiceException(false);
		return handler;
	}

	public static ServerAccessDeniedHandler accessDenied(ProblemResponses problems) {
		BearerTokenServerAccessDeniedHandler bearer = new BearerTokenServerAccessDeniedHandler();
		return (exchange, ex) -> bearer.handle(headersOnly(exchange), ex)
			.then(Mono.defer(() -> problems.write(exchange,
					ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, "The access token does not grant this."))));
	}

	/**
	 * Lets Spring's handlers set status and headers but not end the response, so the body
	 * can follow.
	 */
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

}
