package dev.authgateway.gateway.token;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import dev.authgateway.support.text.PlainText;

/** The new password of a user whose password is temporary, with the change token. */
record PasswordChangeRequest(@JsonProperty("change_token") @NotBlank @Size(max = 64) @PlainText String changeToken,
		@NotBlank @Size(max = 128) @PlainText String newPassword) {

	@Override
	public String toString() {
		return "PasswordChangeRequest[]";
	}

}
