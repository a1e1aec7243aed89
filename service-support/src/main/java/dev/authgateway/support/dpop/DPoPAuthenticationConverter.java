package dev.authgateway.support.dpop;

import java.net.URI;
import java.util.List;

import reactor.core.publisher.Mono;

import dev.authgateway.support.token.BearerTokenHeader;

import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.web.server.ServerWebExchange;

/**
 * Reads {@code Authorization: DPoP <token>} with its {@code DPoP} proof header (RFC 9449
 * section 7.1), and every other request as a bearer request. The URL a proof must name
 * ({@code htu}) is the public URL's origin and the request's path: behind a gateway that
 * forwards paths unchanged, that is the URL the client called.
 */
public final class DPoPAuthenticationConverter implements ServerAuthenticationConverter {

	private static final String SCHEME = "DPoP ";

	private static final String PROOF = "DPoP";

	private final BearerTokenHeader bearer = new BearerTokenHeader();

	private final String origin;

	/** For a service reached at {@code publicUrl}'s origin (scheme, host and port). */
	public DPoPAuthenticationConverter(URI publicUrl) {
		this.origin = publicUrl.getScheme() + "://" + publicUrl.getRawAuthority();
	}

	/**
	 * The headers are read beneath Spring Security's firewall when they hold only the
	 * characters a token and a proof may hold, and through it otherwise (see
	 * {@link BearerTokenHeader#received}).
	 */
	@Override
	public Mono<Authentication> convert(ServerWebExchange exchange) {
		ServerHttpRequest request = exchange.getRequest();
		HttpHeaders received = BearerTokenHeader.received(request).getHeaders();
		String authorization = received.getFirst(HttpHeaders.AUTHORIZATION);
		if (authorization == null || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
			return this.bearer.convert(exchange);
		}
		if (!BearerTokenHeader.isToken68(authorization, SCHEME.length())) {
			authorization = request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
		}
		String token = authorization.substring(SCHEME.length()).strip();
		List<String> proofs = received.getOrEmpty(PROOF);
		if (proofs.size() != 1 || !BearerTokenHeader.isToken68(proofs.get(0), 0)) {
			proofs = request.getHeaders().getOrEmpty(PROOF);
		}
		if (token.isEmpty() || proofs.size() != 1) {
			return Mono.error(new OAuth2AuthenticationException(new OAuth2Error("invalid_dpop_proof",
					"Send the DPoP-bound access token with exactly one DPoP proof.", null)));
		}
		URI url = URI.create(this.origin + request.getPath().value());
		return Mono.just(new DPoPAuthenticationToken(token, proofs.get(0), request.getMethod().name(), url));
	}

}
