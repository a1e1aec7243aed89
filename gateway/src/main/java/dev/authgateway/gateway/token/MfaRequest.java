package dev.authgateway.gateway.token;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import dev.authgateway.support.text.PlainText;

/**
 * The second step of a login: the token the first got, and a TOTP code or a recovery
 * code.
 */
record MfaRequest(@JsonProperty("mfa_token") @NotBlank @Size(max = 64) @PlainText String mfaToken,
		@Size(max = 16) @PlainText String totp,
		@JsonProperty("recovery_code") @Size(max = 32) @PlainText String recoveryCode) {

	@Override
	public String toString() {
		return "MfaRequest[]";
	}

}
