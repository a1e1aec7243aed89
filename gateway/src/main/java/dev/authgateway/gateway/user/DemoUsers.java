package dev.authgateway.gateway.user;

import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;

/**
 * The contract's demo users, created at start only when {@code demo.enabled} is true. Their passwords are
 * public, so this switch must never be on in a deployment that others can reach.
 */
@Component
@ConditionalOnBooleanProperty("demo.enabled")
class DemoUsers implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(DemoUsers.class);

	static final List<DemoUser> USERS = List.of(
			new DemoUser(UUID.fromString("11111111-1111-4111-8111-111111111111"), "alice", "alice-password-1",
					Role.USER),
			new DemoUser(UUID.fromString("22222222-2222-4222-8222-222222222222"), "bob", "bob-password-1", Role.USER),
			new DemoUser(UUID.fromString("33333333-3333-4333-8333-333333333333"), "admin", "admin-password-1",
					Role.ADMIN));

	private final UserRepository users;

	private final PasswordHashing hashing;

	DemoUsers(UserRepository users, PasswordHashing hashing) {
		this.users = users;
		this.hashing = hashing;
	}

	@Override
	public void run(ApplicationArguments args) {
		// runs once on the main thread before the application reports ready, so blocking here is fine
		// a user already present is not hashed again: three argon2 hashes on a cold JVM delay readiness by seconds
		Integer created = Flux.fromIterable(USERS)
			.filterWhen((user) -> this.users.existsById(user.id()).map((exists) -> !exists))
			.concatMap((user) -> this.hashing.hash(user.password())
				.flatMap((hash) -> this.users.insertIfAbsent(user.id(), user.username(), hash, user.role().name())))
			.reduce(0, Integer::sum)
			.block();
		log.warn("Demo mode is on: {} demo user(s) created, {} already present. Never expose demo mode.", created,
				USERS.size() - created);
	}

	record DemoUser(UUID id, String username, String password, Role role) {
	}

}
