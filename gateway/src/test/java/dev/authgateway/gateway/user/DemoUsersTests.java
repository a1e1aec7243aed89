package dev.authgateway.gateway.user;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

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

	@Test
	void demoUsersAreCreatedOnlyWhenTheDemoSwitchIsOn() {
		UserRepository users = mock(UserRepository.class);
		given(users.insertIfAbsent(any(), any(), any(), any())).willReturn(Mono.just(1));

		new DemoUsers(users, false).run(new DefaultApplicationArguments());
		verifyNoInteractions(users);

		new DemoUsers(users, true).run(new DefaultApplicationArguments());
		DemoUsers.USERS.forEach((user) -> verify(users).insertIfAbsent(eq(user.id()), eq(user.username()),
				eq(user.passwordHash()), eq(user.role().name())));
	}

	@Test
	void demoUsersAreCreatedWhenTheDatabaseGivesAConnectionOnlyAfterAWhile() {
		AtomicInteger tries = new AtomicInteger();
		UserRepository users = mock(UserRepository.class);
		// a busy machine: the pool gives no connection within its bound for the first try
		Mono<Integer> insert = Mono.defer(() -> (tries.incrementAndGet() == 1)
				? Mono.error(new DataAccessResourceFailureException("Failed to obtain R2DBC Connection"))
				: Mono.just(1));
		given(users.insertIfAbsent(any(), any(), any(), any())).willReturn(insert);

		new DemoUsers(users, true).run(new DefaultApplicationArguments());

		// the failed first insert and then all three
		assertThat(tries).hasValue(1 + DemoUsers.USERS.size());
	}

}
