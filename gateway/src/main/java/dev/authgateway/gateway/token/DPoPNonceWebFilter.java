package dev.authgateway.gateway.token;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpMethod;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Hands out the current DPoP nonce with every answer of a token endpoint where nonces are
 * required (RFC 9449 section 8.2), so a client has the next one before its old one ages
 * out and seldom meets {@code use_dpop_nonce}. A bean of {@link DPoPNonceConfiguration},
 * not a scanned component, so web slices without a database leave it out.
 */
class DPoPNonceWebFilter implements WebFilter {

	private final DPoPNonces nonces;

	DPoPNonceWebFilter(DPoPNonces nonces) {
		this.nonces = nonces;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (!this.nonces.required() || exchange.getRequest().getMethod() != HttpMethod.POST
				|| !DPoPProofs.TOKEN_ENDPOINTS
					.contains(exchange.getRequest().getPath().pathWithinApplication().value())) {
			return chain.filter(exchange);
		}
		exchange.getResponse()
			.beforeCommit(() -> this.nonces.accepted()
				.doOnNext((accepted) -> exchange.getResponse().getHeaders().set(DPoPNonces.HEADER, accepted.get(0)))
				// without the database there is no nonce to give; the answer says what
				// failed
				.onErrorResume((ex) -> Mono.empty())
				.then());
		return chain.filter(exchange);
	}

}
