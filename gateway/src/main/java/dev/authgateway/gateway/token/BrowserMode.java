package dev.authgateway.gateway.token;

import java.net.URI;
import java.time.Duration;

import org.springframework.http.HttpCookie;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseCookie;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ResponseStatusException;

/**
 * The contract's browser mode: a request with {@code X-Requested-With: XMLHttpRequest}
 * gets its refresh token as an HttpOnly cookie that scripts cannot read, scoped to
 * {@code /auth}. Because a browser attaches that cookie by itself, a call that relies on
 * it must prove it comes from this site: the custom header (which no cross-site form can
 * send and which CORS would preflight) and, where the browser says, the same origin.
 * <p>
 * Behind an https public URL the cookie is always {@code Secure} and named with the
 * {@code __Secure-} prefix, whatever scheme the request reached the gateway with (TLS
 * often ends at a proxy that says nothing of it): a browser then never sends it over
 * plain http, and no plain-http page can set a cookie of that name.
 */
final class BrowserMode {

	static final String COOKIE = "refresh_token";

	static final String SECURE_COOKIE = "__Secure-" + COOKIE;

	private static final String HEADER = "X-Requested-With";

	private static final String HEADER_VALUE = "XMLHttpRequest";

	private final URI publicUrl;

	private final boolean httpsOnly;

	BrowserMode(URI publicUrl) {
		this.publicUrl = publicUrl;
		this.httpsOnly = "https".equalsIgnoreCase(publicUrl.getScheme());
	}

	static boolean isBrowser(ServerHttpRequest request) {
		return HEADER_VALUE.equals(request.getHeaders().getFirst(HEADER));
	}

	String cookieName() {
		return this.httpsOnly ? SECURE_COOKIE : COOKIE;
	}

	String cookieToken(ServerHttpRequest request) {
		HttpCookie cookie = request.getCookies().getFirst(cookieName());
		return (cookie != null && !cookie.getValue().isEmpty()) ? cookie.getValue() : null;
	}

	/** Refuses a cookie-authenticated call that may come from another site (403). */
	void requireSameSite(ServerHttpRequest request) {
		if (!isBrowser(request)) {
			throw forbidden("A call authenticated by the refresh cookie must send X-Requested-With: XMLHttpRequest.");
		}
		String fetchSite = request.getHeaders().getFirst("Sec-Fetch-Site");
		if (fetchSite != null && !fetchSite.equals("same-origin")) {
			throw forbidden("A call authenticated by the refresh cookie must come from this site.");
		}
		String origin = request.getHeaders().getFirst(HttpHeaders.ORIGIN);
		if (origin != null && !origin.equals(originOf(this.publicUrl)) && !origin.equals(originOf(request.getURI()))) {
			throw forbidden("A call authenticated by the refresh cookie must come from this site.");
		}
	}

	ResponseCookie cookie(String token, long maxAgeSeconds, ServerHttpRequest request) {
		return base(token, request).maxAge(Duration.ofSeconds(maxAgeSeconds)).build();
	}

	ResponseCookie clearedCookie(ServerHttpRequest request) {
		return base("", request).maxAge(Duration.ZERO).build();
	}

	private ResponseCookie.ResponseCookieBuilder base(String value, ServerHttpRequest request) {
		return ResponseCookie.from(cookieName(), value)
			.httpOnly(true)
			.sameSite("Strict")
			.path("/auth")
			.secure(this.httpsOnly || cameOverHttps(request));
	}

	/**
	 * Behind an http public URL (a demo on loopback), a proxy that terminates TLS may
	 * still say so in X-Forwarded-Proto. Trusting it here is safe: it can only make the
	 * cookie stricter.
	 */
	private static boolean cameOverHttps(ServerHttpRequest request) {
		return "https".equalsIgnoreCase(request.getURI().getScheme())
				|| "https".equalsIgnoreCase(request.getHeaders().getFirst("X-Forwarded-Proto"));
	}

	private static String originOf(URI uri) {
		String origin = uri.getScheme() + "://" + uri.getHost();
		boolean defaultPort = uri.getPort() == -1 || (uri.getScheme().equals("http") && uri.getPort() == 80)
				|| (uri.getScheme().equals("https") && uri.getPort() == 443);
		return defaultPort ? origin : origin + ":" + uri.getPort();
	}

	private static ResponseStatusException forbidden(String reason) {
		return new ResponseStatusException(HttpStatus.FORBIDDEN, reason);
	}

}
