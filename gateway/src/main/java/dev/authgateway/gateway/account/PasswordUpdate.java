package dev.authgateway.gateway.account;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import dev.authgateway.support.text.PlainText;

/** A user's new password, and the current one that proves it is them. */
record PasswordUpdate(@NotBlank @Size(max = 128) @PlainText String currentPassword,
		@NotBlank @Size(max = 128) @PlainText String newPassword) {

	@Override
	public String toString() {
		return "PasswordUpdate[]";
	}

}
