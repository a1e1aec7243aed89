package dev.authgateway.support.observability;

import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * One log line per request (logger {@code dev.authgateway.requests}): method, path,
 * status and time to the answer's first byte. Answers of 500 and more are logged at WARN,
 * everything else at INFO, which is off unless the logger's level is set to info. The
 * line is written with the request's trace in scope, so it carries the trace id that the
 * gateway passed on to the resource service (W3C {@code traceparent}); the query string
 * is left out, as it may carry credentials.
 */
public class RequestLog implements WebFilter, Ordered {

	private static final Logger log = LoggerFactory.getLogger("dev.authgateway.requests");

	private static final ContextSnapshotFactory SNAPSHOTS = ContextSnapshotFactory.builder().build();

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		long start = System.nanoTime();
		return Mono.deferContextual((context) -> {
			exchange.getResponse().beforeCommit(() -> {
				HttpStatusCode status = exchange.getResponse().getStatusCode();
				boolean failed = status != null && status.is5xxServerError();
				if (failed || log.isInfoEnabled()) {
					try (ContextSnapshot.Scope scope = SNAPSHOTS.setThreadLocalsFrom(context)) {
						write(exchange, status, failed, (System.nanoTime() - start) / 1_000_000);
					}
				}
				return Mono.empty();
			});
			return chain.filter(exchange);
		});
	}

	private static void write(ServerWebExchange exchange, HttpStatusCode status, boolean failed, long millis) {
		String method = exchange.getRequest().getMethod().name();
		String path = exchange.getRequest().getPath().value();
		Object shownStatus = (status != null) ? status.value() : 200;
		if (failed) {
			log.warn("{} {} {} {}ms", method, path, shownStatus, millis);
		}
		else {
			log.info("{} {} {} {}ms", method, path, shownStatus, millis);
		}
	}

	@Override
	public int getOrder() {
		// first of all filters, so that its time covers everything the service does for
		// the request
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
