package dev.authgateway.support.problem;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;

import reactor.core.publisher.Mono;

import dev.authgateway.support.database.StatementDeadline;

import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * A deadline for the requests a service answers itself: one that has not answered in time
 * fails with a TimeoutException, which the problem handler turns into a 503. Each
 * database statement made for such a request has a shorter deadline of its own
 * ({@link StatementDeadline}), so a database that stops answering (paused, partitioned)
 * costs the caller about a second, not a hanging request and a held connection; the
 * request deadline is the backstop for everything else (a password hash waiting in a long
 * queue).
 */
public class RequestDeadline implements WebFilter, Ordered {

	private final Duration deadline;

	private final Duration statementDeadline;

	private final List<PathPattern> paths;

	public RequestDeadline(Duration deadline, Duration statementDeadline, List<String> paths) {
		this.deadline = deadline;
		this.statementDeadline = statementDeadline;
		this.paths = paths.stream()
			.filter((path) -> !path.isBlank())
			.map(PathPatternParser.defaultInstance::parse)
			.toList();
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		boolean covered = this.paths.stream()
			.anyMatch((pattern) -> pattern.matches(exchange.getRequest().getPath().pathWithinApplication()));
		if (!covered) {
			return chain.filter(exchange);
		}
		return chain.filter(exchange)
			.contextWrite((context) -> StatementDeadline.within(context, this.statementDeadline))
			.timeout(this.deadline,
					Mono.error(() -> new TimeoutException("No answer within " + this.deadline.toMillis() + " ms")));
	}

	@Override
	public int getOrder() {
		// outside Spring Security, so the deadline covers authentication too
		return -300;
	}

}
