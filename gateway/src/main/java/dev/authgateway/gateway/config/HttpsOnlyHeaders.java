package dev.authgateway.gateway.config;

import reactor.core.publisher.Mono;

import org.springframework.web.server.ServerWebExchange;

/**
 * HSTS for requests that came over https, whether TLS ended at the gateway or at a proxy
 * in front of it (X-Forwarded-Proto). Spring Security's own HSTS writer sees only the
 * first case. Sending the header is harmless when a client lies about https: it only
 * tells browsers to use https.
 */
final class HttpsOnlyHeaders {

	private static final String ONE_YEAR = "max-age=31536000; includeSubDomains";

	private HttpsOnlyHeaders() {
	}

	static Mono<Void> strictTransportSecurity(ServerWebExchange exchange) {
		boolean https = exchange.getRequest().getSslInfo() != null
				|| "https".equalsIgnoreCase(exchange.getRequest().getHeaders().getFirst("X-Forwarded-Proto"));
		if (https) {
			exchange.getResponse().getHeaders().set("Strict-Transport-Security", ONE_YEAR);
		}
		return Mono.empty();
	}

}
