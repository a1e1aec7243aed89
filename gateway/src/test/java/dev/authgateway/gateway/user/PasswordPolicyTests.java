package dev.authgateway.gateway.user;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PasswordPolicyTests {

	private final PasswordPolicy policy = new PasswordPolicy();

	@Test
	void aLongUncommonPasswordIsAccepted() {
		assertThat(this.policy.violation("carol", "violet staircase under rain")).isEmpty();
	}

	@Test
	void passwordsShorterThanTwelveCharactersAreRefused() {
		assertThat(this.policy.violation("carol", "short-pass1")).contains("must be at least 12 characters");
	}

	@Test
	void lengthCountsCharactersNotBytes() {
		assertThat(this.policy.violation("carol", "ééééééééééé")).isPresent();
		assertThat(this.policy.violation("carol", "éééééééééééé")).isEmpty();
	}

	@Test
	void passwordsLongerThan128CharactersAreRefused() {
		assertThat(this.policy.violation("carol", "x".repeat(128))).isEmpty();
		assertThat(this.policy.violation("carol", "x".repeat(129))).contains("must be at most 128 characters");
	}

	@Test
	void thePasswordMustNotContainTheUsername() {
		assertThat(this.policy.violation("carol", "my name is Carol, hi")).contains("must not contain the username");
	}

	@Test
	void commonPasswordsAreRefusedWhateverTheirCase() {
		assertThat(this.policy.violation("carol", "password1234")).isPresent();
		assertThat(this.policy.violation("carol", "PASSWORD1234")).isPresent();
		assertThat(this.policy.violation("carol", "qwertyuiopasdfghjkl")).isPresent();
	}

}
