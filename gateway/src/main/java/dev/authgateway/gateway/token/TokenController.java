package dev.authgateway.gateway.token;

import java.util.UUID;

import jakarta.validation.Valid;
import reactor.core.publisher.Mono;

import dev.authgateway.gateway.session.RefreshTokens;
import dev.authgateway.gateway.web.ClientAddresses;

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
import org.springframework.web.server.ServerWebExchange;

/**
 * Login with a password, refresh and logout, in script mode (tokens in the body) or
 * browser mode (refresh token in a cookie).
 */
@RestController
class TokenController {

	private static final String NO_CALLER = "Send a bearer access token, or the refresh cookie of a session that has not ended.";

	private final TokenService tokens;

	private final TemporaryPasswordChange temporaryPasswords;

	private final RefreshTokens refreshTokens;

	private final TokenResponses responses;

	private final DPoPProofs proofs;

	private final BrowserMode browserMode;

	private final ClientAddresses addresses;

	TokenController(TokenService tokens, TemporaryPasswordChange temporaryPasswords, RefreshTokens refreshTokens,
			TokenResponses responses, DPoPProofs proofs, ClientAddresses addresses) {
		this.proofs = proofs;
		this.tokens = tokens;
		this.temporaryPasswords = temporaryPasswords;
		this.refreshTokens = refreshTokens;
		this.responses = responses;
		this.browserMode = responses.browserMode();
		this.addresses = addresses;
	}

	@PostMapping(path = "/auth/token", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	Mono<ResponseEntity<TokenResponse>> token(@Valid @RequestBody TokenRequest request, ServerHttpRequest http) {
		return this.proofs.keyOf(http)
			.flatMap((key) -> this.tokens.login(request, Client.of(http, this.addresses).withDPoPKey(key)))
			.flatMap((issued) -> this.responses.loggedIn(issued, http));
	}

	/**
	 * A user whose password is temporary chooses a new one with the change token their
	 * login got, and is logged in.
	 */
	@PostMapping(path = "/auth/token/password", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	Mono<ResponseEntity<TokenResponse>> changeTemporaryPassword(@Valid @RequestBody PasswordChangeRequest request,
			ServerHttpRequest http) {
		return this.proofs.keyOf(http)
			.flatMap((key) -> this.temporaryPasswords.change(request, Client.of(http, this.addresses).withDPoPKey(key)))
			.flatMap((issued) -> this.responses.loggedIn(issued, http));
	}

	@PostMapping(path = "/auth/refresh", produces = MediaType.APPLICATION_JSON_VALUE)
	Mono<ResponseEntity<TokenResponse>> refresh(@Valid @RequestBody(required = false) RefreshRequest body,
			ServerHttpRequest http) {
		return Mono.fromCallable(() -> presentedToken(body, http))
			.flatMap((token) -> this.proofs.keyOf(http)
				.flatMap((key) -> this.tokens.refresh(token, this.addresses.of(http), key)))
			.map((issued) -> this.responses.of(issued, http));
	}

	@PostMapping("/auth/logout")
	Mono<ResponseEntity<Void>> logout(@Valid @RequestBody(required = false) RefreshRequest body,
			ServerHttpRequest http) {
		return Mono.fromCallable(() -> presentedToken(body, http))
			.flatMap((token) -> this.refreshTokens.revokeFamilyOf(token, "logout"))
			.thenReturn(loggedOut(http));
	}

	/**
	 * Ends every session of the caller, known by a bearer access token or, from the app,
	 * by the refresh cookie alone: an access token that has just expired must not stop a
	 * user from logging out everywhere.
	 */
	@PostMapping("/auth/logout-all")
	Mono<ResponseEntity<Void>> logoutEverywhere(ServerWebExchange exchange) {
		ServerHttpRequest http = exchange.getRequest();
		Mono<UUID> byToken = exchange.getPrincipal()
			.ofType(JwtAuthenticationToken.class)
			.map((caller) -> UUID.fromString(caller.getToken().getSubject()));
		Mono<UUID> byCookie = Mono.fromCallable(() -> sameSiteCookie(http, HttpStatus.UNAUTHORIZED, NO_CALLER))
			.flatMap(this.refreshTokens::findActive)
			.map(RefreshTokens.ActiveRefreshToken::userId)
			.switchIfEmpty(Mono.error(() -> new ResponseStatusException(HttpStatus.UNAUTHORIZED, NO_CALLER)));
		return byToken.switchIfEmpty(byCookie)
			.flatMap((userId) -> this.refreshTokens.revokeAllOf(userId, "logout-all"))
			.thenReturn(loggedOut(http));
	}

	/**
	 * The body wins over the cookie; a cookie is only taken from a call that proves it
	 * comes from this site.
	 */
	private String presentedToken(RefreshRequest body, ServerHttpRequest http) {
		if (body != null && body.refreshToken() != null) {
			return body.refreshToken();
		}
		return sameSiteCookie(http, HttpStatus.BAD_REQUEST,
				"Send the refresh token as refresh_token in a JSON body, or as the refresh cookie.");
	}

	/**
	 * The refresh cookie of a call that proves it comes from this site; {@code missing}
	 * when there is none.
	 */
	private String sameSiteCookie(ServerHttpRequest http, HttpStatus missing, String reason) {
		String cookie = this.browserMode.cookieToken(http);
		if (cookie == null) {
			throw new ResponseStatusException(missing, reason);
		}
		this.browserMode.requireSameSite(http);
		return cookie;
	}

	private ResponseEntity<Void> loggedOut(ServerHttpRequest http) {
		return ResponseEntity.noContent()
			.header(HttpHeaders.SET_COOKIE, this.browserMode.clearedCookie(http).toString())
			.build();
	}

}
