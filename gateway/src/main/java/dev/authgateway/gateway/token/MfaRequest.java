package dev.authgateway.gateway.token;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import tools.jackson.databind.JsonNode;

import dev.authgateway.support.text.PlainText;

/**
 * The second step of a login: the token the first got, and a TOTP code, a recovery code,
 * or a passkey's answer to a ceremony started with that token.
 */
record MfaRequest(@JsonProperty("mfa_token") @NotBlank @Size(max = 64) @PlainText String mfaToken,
		@Size(max = 16) @PlainText String totp,
		@JsonProperty("recovery_code") @Size(max = 32) @PlainText String recoveryCode,
		@Size(max = 64) @PlainText String ceremony, JsonNode credential) {

	/** How many of the three kinds of proof the request holds. */
	int proofs() {
		return ((this.totp != null) ? 1 : 0) + ((this.recoveryCode != null) ? 1 : 0)
				+ ((this.ceremony != null || this.credential != null) ? 1 : 0);
	}

	@Override
	public String toString() {
		return "MfaRequest[]";
	}

}
