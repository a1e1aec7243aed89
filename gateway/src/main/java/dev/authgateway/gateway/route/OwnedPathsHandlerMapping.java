package dev.authgateway.gateway.route;

import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.handler.AbstractHandlerMapping;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebHandler;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The gateway owns {@code /auth/**} and {@code /.well-known/**}. A path there that no
 * endpoint serves is a 404 from the gateway, never a request forwarded to the single-page
 * app (which would answer with its index page). It sits after the controllers, so their
 * 405 and 415 answers stay intact, and before the routes.
 */
@Component
class OwnedPathsHandlerMapping extends AbstractHandlerMapping {

	/** The route mapping's order is set above this one in application.yml. */
	static final int ORDER = 1;

	private static final List<PathPattern> OWNED = List.of(PathPatternParser.defaultInstance.parse("/auth/**"),
			PathPatternParser.defaultInstance.parse("/.well-known/**"));

	private static final WebHandler NOT_FOUND = (exchange) -> Mono
		.error(new ResponseStatusException(HttpStatus.NOT_FOUND, "No such endpoint."));

	OwnedPathsHandlerMapping() {
		setOrder(ORDER);
	}

	@Override
	protected Mono<?> getHandlerInternal(ServerWebExchange exchange) {
		boolean owned = OWNED.stream()
			.anyMatch((pattern) -> pattern.matches(exchange.getRequest().getPath().pathWithinApplication()));
		return owned ? Mono.just(NOT_FOUND) : Mono.empty();
	}

}
