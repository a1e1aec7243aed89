package dev.authgateway.gateway.token;

import org.springframework.http.HttpStatus;

/** An error of the token endpoint in RFC 6749's terms (section 5.2). */
final class OAuth2Error extends RuntimeException {

	private final HttpStatus status;

	private final String code;

	private OAuth2Error(HttpStatus status, String code, String description) {
		super(description, null, false, false);
		this.status = status;
		this.code = code;
	}

	static OAuth2Error invalidRequest(String description) {
		return new OAuth2Error(HttpStatus.BAD_REQUEST, "invalid_request", description);
	}

	/**
	 * A 400: the client did not authenticate with an Authorization header, the one case
	 * in which section 5.2 asks for a 401 and its challenge.
	 */
	static OAuth2Error invalidClient() {
		return new OAuth2Error(HttpStatus.BAD_REQUEST, "invalid_client",
				"Unknown client_id: this server issues tokens to one public client.");
	}

	static OAuth2Error unsupportedGrantType() {
		return new OAuth2Error(HttpStatus.BAD_REQUEST, "unsupported_grant_type",
				"This server grants password and refresh_token.");
	}

	HttpStatus status() {
		return this.status;
	}

	String code() {
		return this.code;
	}

}
