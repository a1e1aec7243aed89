package dev.authgateway.gateway.token;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Size;

import dev.authgateway.support.text.PlainText;

/**
 * The optional body of {@code /auth/refresh} and {@code /auth/logout}; without it, the
 * cookie is used.
 */
record RefreshRequest(@JsonProperty("refresh_token") @Size(max = 128) @PlainText String refreshToken) {

	@Override
	public String toString() {
		return "RefreshRequest[]";
	}

}
