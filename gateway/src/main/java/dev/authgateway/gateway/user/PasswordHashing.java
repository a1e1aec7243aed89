package dev.authgateway.gateway.user;

import java.util.Map;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Hashes and checks passwords off the event loop. Argon2id costs tens of milliseconds of CPU and 19 MiB
 * per call by design, so every call runs on a small dedicated scheduler whose queue is bounded: a login
 * flood waits there (or is refused) instead of stalling the Netty threads that serve everything else.
 */
@Component
public class PasswordHashing implements DisposableBean {

	private final PasswordEncoder encoder;

	private final Scheduler scheduler;

	/** A real hash of a random password: checked against when a user does not exist, so that takes as long. */
	private final String dummyHash;

	PasswordHashing(PasswordHashingProperties properties) {
		this.encoder = delegatingEncoder();
		this.scheduler = Schedulers.newBoundedElastic(properties.threads(), properties.queueCapacity(),
				"password-hashing");
		this.dummyHash = this.encoder.encode("dummy-" + System.nanoTime());
	}

	/**
	 * OWASP's argon2id parameters (19 MiB, 2 iterations, 1 lane) for new hashes; the prefix in each stored
	 * hash names its encoder, so the parameters can be raised later without breaking existing users.
	 */
	static PasswordEncoder delegatingEncoder() {
		Argon2PasswordEncoder argon2 = new Argon2PasswordEncoder(16, 32, 1, 19 * 1024, 2);
		return new DelegatingPasswordEncoder("argon2",
				Map.of("argon2", argon2, "bcrypt", new BCryptPasswordEncoder()));
	}

	public Mono<String> hash(String rawPassword) {
		return Mono.fromCallable(() -> this.encoder.encode(rawPassword)).subscribeOn(this.scheduler);
	}

	public Mono<Boolean> matches(String rawPassword, String storedHash) {
		return Mono.fromCallable(() -> this.encoder.matches(rawPassword, storedHash)).subscribeOn(this.scheduler);
	}

	/** Spends the same work as {@link #matches} for a user that does not exist; always false. */
	public Mono<Boolean> matchesNobody(String rawPassword) {
		return matches(rawPassword, this.dummyHash).map((ignored) -> false);
	}

	@Override
	public void destroy() {
		this.scheduler.dispose();
	}

}
