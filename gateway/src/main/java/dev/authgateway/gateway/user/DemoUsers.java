package dev.authgateway.gateway.user;

import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import dev.authgateway.support.database.StartupRetry;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The contract's demo users, created at start only when {@code demo.enabled} is true.
 * Their passwords are public, so this switch must never be on in a deployment that others
 * can reach. The switch is read when the application runs, not as a condition on this
 * bean: the image's bean definitions are fixed at build (Spring AOT), and the demo switch
 * is set where the image runs.
 */
@Component
class DemoUsers implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(DemoUsers.class);

	/*
	 * The passwords are public (the contract lists them), so their argon2id hashes are
	 * worked out once, here, rather than at every first start, where three hashes on a
	 * cold JVM delayed readiness by seconds. DemoUsersTests checks each hash against its
	 * password with the gateway's encoder.
	 */
	static final List<DemoUser> USERS = List.of(new DemoUser(UUID.fromString("11111111-1111-4111-8111-111111111111"),
			"alice", "alice-password-1",
			"{argon2}$argon2id$v=19$m=19456,t=2,p=1$Jjbqr/2JTjLhP9EhxoTJ2g$qDsyqiA0xRkb7Y2VJB50AXzb2DjlaFtnpvC74vvGj7Y",
			Role.USER),
			new DemoUser(UUID.fromString("22222222-2222-4222-8222-222222222222"), "bob", "bob-password-1",
					"{argon2}$argon2id$v=19$m=19456,t=2,p=1$xt5mQ7y/vIbAbQnrkxXomg$bRQ4uhU4RDyJ+LsT8g2XVt9Ury97lG6WqC7AKV3QH8Y",
					Role.USER),
			new DemoUser(UUID.fromString("33333333-3333-4333-8333-333333333333"), "admin", "admin-password-1",
					"{argon2}$argon2id$v=19$m=19456,t=2,p=1$i9Abv1PEcrjYbe72s4pkgw$t/RW6X9qTiRZ8ZM9Mt0KWBOSU9x4e50jR1PjDBgowkk",
					Role.ADMIN));

	private final UserRepository users;

	private final boolean enabled;

	DemoUsers(UserRepository users, @Value("${demo.enabled:false}") boolean enabled) {
		this.users = users;
		this.enabled = enabled;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (!this.enabled) {
			return;
		}
		Mono<Integer> inserts = Flux.fromIterable(USERS)
			.concatMap((user) -> this.users.insertIfAbsent(user.id(), user.username(), user.passwordHash(),
					user.role().name()))
			.reduce(0, Integer::sum);
		// runs once on the main thread before the application reports ready, so blocking
		// here is fine; the
		// inserts skip who exists, so a try that failed half-way is simply done again
		Integer created = StartupRetry.whileUnavailable("Demo users", inserts).block();
		log.warn("Demo mode is on: {} demo user(s) created, {} already present. Never expose demo mode.", created,
				USERS.size() - created);
	}

	record DemoUser(UUID id, String username, String password, String passwordHash, Role role) {
	}

}
