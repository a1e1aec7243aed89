package dev.authgateway.gateway.token;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import dev.authgateway.support.text.PlainText;

/**
 * A password login. 128 characters is the longest password accepted anywhere in the
 * system.
 */
record TokenRequest(@NotBlank @Size(max = 64) @PlainText String username,
		@NotBlank @Size(max = 128) @PlainText String password) {

	@Override
	public String toString() {
		return "TokenRequest[username=" + this.username + "]";
	}

}
