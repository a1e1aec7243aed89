package dev.authgateway.gateway.config;

import java.util.Set;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * springdoc builds the OpenAPI document in the request that first asks for it,
 * synchronously: it reads class files and reflects over every controller, about half a
 * second of blocking work. Building it during the start instead (springdoc's pre-loading)
 * took that half second from every start on two cores (docs/design.md, "API document
 * built on first request"). Requests for the document are served on the bounded elastic
 * scheduler, so whichever comes first builds it off the event loops; later ones get the
 * cached document.
 */
@Component
class ApiDocumentOffTheEventLoop implements WebFilter, Ordered {

	private final Set<String> documentPaths;

	ApiDocumentOffTheEventLoop(@Value("${springdoc.api-docs.path}") String documentPath) {
		// the same document as JSON and, at the same path with ".yaml", as YAML: either
		// request may come first
		this.documentPaths = Set.of(documentPath, documentPath + ".yaml");
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (this.documentPaths.contains(exchange.getRequest().getPath().pathWithinApplication().value())) {
			return chain.filter(exchange).subscribeOn(Schedulers.boundedElastic());
		}
		return chain.filter(exchange);
	}

	@Override
	public int getOrder() {
		// last: only the handler moves to the other scheduler, the security filters stay
		// where they are
		return Ordered.LOWEST_PRECEDENCE;
	}

}
