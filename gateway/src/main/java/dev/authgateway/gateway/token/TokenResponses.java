package dev.authgateway.gateway.token;

import java.net.URI;
import java.time.Clock;

import reactor.core.publisher.Mono;

import dev.authgateway.gateway.session.RefreshTokens;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;

/**
 * Token responses (RFC 6749 section 5.1) in script mode, with the refresh token in the
 * body, or browser mode, with it in an HttpOnly cookie; never cached.
 */
@Component
class TokenResponses {

	private final RefreshTokens refreshTokens;

	private final BrowserMode browserMode;

	private final Clock clock;

	TokenResponses(RefreshTokens refreshTokens, TokenProperties properties, Clock clock) {
		this.refreshTokens = refreshTokens;
		this.browserMode = new BrowserMode(URI.create(properties.issuer()));
		this.clock = clock;
	}

	BrowserMode browserMode() {
		return this.browserMode;
	}

	/** The answer to a login, which replaces the session a browser still held. */
	Mono<ResponseEntity<TokenResponse>> loggedIn(IssuedTokens issued, ServerHttpRequest http) {
		return endReplacedSession(http).thenReturn(issued).map((tokens) -> of(tokens, http));
	}

	/**
	 * A browser that logs in while it still holds a refresh cookie replaces that session:
	 * the cookie is about to be overwritten, and a family nobody can present any more
	 * would otherwise live on for days.
	 */
	private Mono<Boolean> endReplacedSession(ServerHttpRequest http) {
		String replaced = BrowserMode.isBrowser(http) ? this.browserMode.cookieToken(http) : null;
		return (replaced != null) ? this.refreshTokens.revokeFamilyOf(replaced, "replaced") : Mono.just(false);
	}

	ResponseEntity<TokenResponse> of(IssuedTokens issued, ServerHttpRequest http) {
		boolean browser = BrowserMode.isBrowser(http);
		TokenResponse body = issued.body(this.clock.instant(), !browser);
		ResponseEntity.BodyBuilder response = ResponseEntity.ok()
			.cacheControl(CacheControl.noStore())
			.header("Pragma", "no-cache");
		if (browser) {
			response.header(HttpHeaders.SET_COOKIE,
					this.browserMode.cookie(issued.refresh().value(), body.refreshExpiresIn(), http).toString());
		}
		return response.body(body);
	}

}
