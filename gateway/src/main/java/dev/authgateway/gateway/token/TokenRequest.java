package dev.authgateway.gateway.token;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import dev.authgateway.support.text.PlainText;

/**
 * A password login. 128 characters is the longest password accepted anywhere in the
 * system. A username has the characters every account's name has (registration's), and no
 * others: PostgreSQL and Java fold the case of other letters differently, and a name the
 * throttle counted apart from its account would get the account a second budget.
 */
record TokenRequest(
		@NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9._-]*",
				message = "may contain only letters, digits, '.', '_' and '-'") String username,
		@NotBlank @Size(max = 128) @PlainText String password) {

	@Override
	public String toString() {
		return "TokenRequest[username=" + this.username + "]";
	}

}
