package dev.authgateway.gateway.token;

import java.net.URI;
import java.time.Clock;

import jakarta.validation.Valid;
import reactor.core.publisher.Mono;

import dev.authgateway.gateway.session.RefreshTokens;
import dev.authgateway.gateway.throttle.ClientAddresses;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Login, refresh and logout, in script mode (tokens in the body) or browser mode (refresh token in a cookie). */
@RestController
class TokenController {

	private final TokenService tokens;

	private final RefreshTokens refreshTokens;

	private final URI publicUrl;

	private final Clock clock;

	private final ClientAddresses addresses;

	TokenController(TokenService tokens, RefreshTokens refreshTokens, TokenProperties properties, Clock clock,
			ClientAddresses addresses) {
		this.tokens = tokens;
		this.refreshTokens = refreshTokens;
		this.publicUrl = URI.create(properties.issuer());
		this.clock = clock;
		this.addresses = addresses;
	}

	@PostMapping(path = "/auth/token", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	Mono<ResponseEntity<TokenResponse>> token(@Valid @RequestBody TokenRequest request, ServerHttpRequest http) {
		return this.tokens.login(request, this.addresses.of(http)).map((issued) -> tokenResponse(issued, http));
	}

	@PostMapping(path = "/auth/refresh", produces = MediaType.APPLICATION_JSON_VALUE)
	Mono<ResponseEntity<TokenResponse>> refresh(@Valid @RequestBody(required = false) RefreshRequest body,
			ServerHttpRequest http) {
		return Mono.fromCallable(() -> presentedToken(body, http))
			.flatMap(this.tokens::refresh)
			.map((issued) -> tokenResponse(issued, http));
	}

	@PostMapping("/auth/logout")
	Mono<ResponseEntity<Void>> logout(@Valid @RequestBody(required = false) RefreshRequest body,
			ServerHttpRequest http) {
		return Mono.fromCallable(() -> presentedToken(body, http))
			.flatMap((token) -> this.refreshTokens.revokeFamilyOf(token, "logout"))
			.thenReturn(loggedOut(http));
	}

	@PostMapping("/auth/logout-all")
	Mono<ResponseEntity<Void>> logoutEverywhere(JwtAuthenticationToken caller, ServerHttpRequest http) {
		return this.refreshTokens
			.revokeAllOf(java.util.UUID.fromString(caller.getToken().getSubject()), "logout-all")
			.thenReturn(loggedOut(http));
	}

	/** The body wins over the cookie; a cookie is only taken from a call that proves it comes from this site. */
	private String presentedToken(RefreshRequest body, ServerHttpRequest http) {
		if (body != null && body.refreshToken() != null) {
			return body.refreshToken();
		}
		String cookie = BrowserMode.cookieToken(http);
		if (cookie == null || cookie.isEmpty()) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
					"Send the refresh token as refresh_token in a JSON body, or as the refresh cookie.");
		}
		BrowserMode.requireSameSite(http, this.publicUrl);
		return cookie;
	}

	private ResponseEntity<TokenResponse> tokenResponse(IssuedTokens issued, ServerHttpRequest http) {
		boolean browser = BrowserMode.isBrowser(http);
		TokenResponse body = issued.body(this.clock.instant(), !browser);
		// RFC 6749 5.1: token responses must not be cached
		ResponseEntity.BodyBuilder response = ResponseEntity.ok().cacheControl(CacheControl.noStore()).header("Pragma",
				"no-cache");
		if (browser) {
			response.header(HttpHeaders.SET_COOKIE,
					BrowserMode.cookie(issued.refresh().value(), body.refreshExpiresIn(), http).toString());
		}
		return response.body(body);
	}

	private static ResponseEntity<Void> loggedOut(ServerHttpRequest http) {
		return ResponseEntity.noContent()
			.header(HttpHeaders.SET_COOKIE, BrowserMode.clearedCookie(http).toString())
			.build();
	}

}
