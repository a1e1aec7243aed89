package dev.authgateway.gateway.user;

import org.junit.jupiter.api.Test;

import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

class DemoUsersTests {

	private final PasswordEncoder encoder = PasswordHashing.delegatingEncoder();

	@Test
	void eachDemoUsersStoredHashIsAnArgon2HashOfItsPublishedPassword() {
		assertThat(DemoUsers.USERS).hasSize(3).allSatisfy((user) -> {
			assertThat(user.passwordHash()).startsWith("{argon2}$argon2id$v=19$m=19456,t=2,p=1$");
			assertThat(this.encoder.matches(user.password(), user.passwordHash())).isTrue();
			assertThat(this.encoder.matches(user.password() + "x", user.passwordHash())).isFalse();
		});
	}

}
