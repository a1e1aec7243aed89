package dev.authgateway.gateway.user;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import dev.authgateway.support.text.PlainText;

record RegistrationRequest(
		@NotBlank @Size(min = 3, max = 64) @Pattern(regexp = "[A-Za-z0-9._-]*",
				message = "may contain only letters, digits, '.', '_' and '-'") String username,
		@NotBlank @Size(max = 128) @PlainText String password) {

	@Override
	public String toString() {
		return "RegistrationRequest[username=" + this.username + "]";
	}

}
