package dev.authgateway.gateway.config;

import reactor.core.publisher.Mono;

import dev.authgateway.support.problem.ProblemResponses;

import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * No request to the token service needs more than a few hundred bytes, so a declared body
 * over 16 KiB is refused with 413 before anything reads it. Bodies without a declared
 * length are cut off at the same size by the codecs
 * ({@code spring.http.codecs.max-in-memory-size}).
 */
@Component
class AuthRequestLimits implements WebFilter, Ordered {

	static final long MAX_BODY_BYTES = 16 * 1024;

	/**
	 * Matched decoded, as the controllers' mappings are, whatever the path's spelling.
	 */
	private static final PathPattern TOKEN_SERVICE = PathPatternParser.defaultInstance.parse("/auth/**");

	private final ProblemResponses problems;

	AuthRequestLimits(ProblemResponses problems) {
		this.problems = problems;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		boolean tokenService = TOKEN_SERVICE.matches(exchange.getRequest().getPath().pathWithinApplication());
		if (tokenService && exchange.getRequest().getHeaders().getContentLength() > MAX_BODY_BYTES) {
			return this.problems.write(exchange, ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE,
					"The request body is larger than " + MAX_BODY_BYTES + " bytes."));
		}
		return chain.filter(exchange);
	}

	@Override
	public int getOrder() {
		// before Spring Security's filters, so an oversized body costs nothing
		return -200;
	}

}
