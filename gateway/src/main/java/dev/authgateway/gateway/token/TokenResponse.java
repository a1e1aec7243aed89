package dev.authgateway.gateway.token;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The token response of the contract (field names as in RFC 6749). */
record TokenResponse(@JsonProperty("access_token") String accessToken,
		@JsonProperty("token_type") String tokenType, @JsonProperty("expires_in") long expiresIn, String scope) {

	static TokenResponse bearer(AccessTokenIssuer.IssuedToken token) {
		return new TokenResponse(token.value(), "Bearer", token.expiresIn(), token.scope());
	}

}
