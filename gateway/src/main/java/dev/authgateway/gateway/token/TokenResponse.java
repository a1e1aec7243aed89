package dev.authgateway.gateway.token;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The token response of the contract (field names as in RFC 6749). {@code refresh_token}
 * is left out in browser mode, where the refresh token travels only in an HttpOnly
 * cookie.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record TokenResponse(@JsonProperty("access_token") String accessToken, @JsonProperty("token_type") String tokenType,
		@JsonProperty("expires_in") long expiresIn, @JsonProperty("refresh_expires_in") long refreshExpiresIn,
		String scope, @JsonProperty("refresh_token") String refreshToken,
		@JsonProperty("recovery_codes") List<String> recoveryCodes) {

	/** The same response with the recovery codes of a second factor set up just now. */
	TokenResponse withRecoveryCodes(List<String> codes) {
		return new TokenResponse(this.accessToken, this.tokenType, this.expiresIn, this.refreshExpiresIn, this.scope,
				this.refreshToken, codes);
	}

	@Override
	public String toString() {
		return "TokenResponse[expiresIn=" + this.expiresIn + ", scope=" + this.scope + "]";
	}

}
