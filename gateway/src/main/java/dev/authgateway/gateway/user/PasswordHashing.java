package dev.authgateway.gateway.user;

import java.util.Map;
import java.util.concurrent.RejectedExecutionException;

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
 * Hashes and checks passwords off the event loop. Argon2id costs tens of milliseconds of
 * CPU and 19 MiB per call by design, so every call runs on a small dedicated scheduler
 * whose queue is bounded: a login flood waits there (or is refused) instead of stalling
 * the Netty threads that serve everything else.
 */
@Component
public class PasswordHashing implements DisposableBean {

	/**
	 * Checked against when a user does not exist, so that an unknown name takes as long
	 * as a wrong password: a real hash, with the parameters of new hashes (a test holds
	 * it to them), of a random password that was thrown away. Whatever it is checked
	 * against, {@link #matchesNobody} answers false, so it grants nothing. A constant
	 * rather than made at start, where a first argon2 call on a cold JVM cost the
	 * gateway's start about 0.7 s (docs/design.md, "Unknown users' hash").
	 */
	static final String NOBODYS_HASH = "{argon2}$argon2id$v=19$m=19456,t=2,p=1$yManLeUV+fpBIv1RP8dyCQ$"
			+ "7dFWQpCqpQzPL9BAoODsbz0qTu1tR8TWI6YBOjG2wNc";

	private final PasswordEncoder encoder;

	private final Scheduler scheduler;

	PasswordHashing(PasswordHashingProperties properties) {
		this.encoder = delegatingEncoder();
		this.scheduler = Schedulers.newBoundedElastic(properties.threads(), properties.queueCapacity(),
				"password-hashing");
	}

	/**
	 * OWASP's argon2id parameters (19 MiB, 2 iterations, 1 lane) for new hashes; the
	 * prefix in each stored hash names its encoder, so the parameters can be raised later
	 * without breaking existing users.
	 */
	static PasswordEncoder delegatingEncoder() {
		Argon2PasswordEncoder argon2 = new Argon2PasswordEncoder(16, 32, 1, 19 * 1024, 2);
		return new DelegatingPasswordEncoder("argon2", Map.of("argon2", argon2, "bcrypt", new BCryptPasswordEncoder()));
	}

	public Mono<String> hash(String rawPassword) {
		return onHashingThreads(() -> this.encoder.encode(rawPassword));
	}

	public Mono<Boolean> matches(String rawPassword, String storedHash) {
		return onHashingThreads(() -> this.encoder.matches(rawPassword, storedHash));
	}

	/**
	 * A full queue refuses the work at once: a 503 with Retry-After, not a failure of the
	 * server's.
	 */
	private <T> Mono<T> onHashingThreads(java.util.concurrent.Callable<T> work) {
		return Mono.fromCallable(work)
			.subscribeOn(this.scheduler)
			.onErrorMap(RejectedExecutionException.class, HashingBusyException::new);
	}

	/**
	 * Whether a stored hash was made with other settings than new hashes are (another
	 * encoder, or weaker parameters): a string check, no hashing.
	 */
	public boolean needsUpgrade(String storedHash) {
		return this.encoder.upgradeEncoding(storedHash);
	}

	/**
	 * Spends the same work as {@link #matches} for a user that does not exist; always
	 * false.
	 */
	public Mono<Boolean> matchesNobody(String rawPassword) {
		return matches(rawPassword, NOBODYS_HASH).map((ignored) -> false);
	}

	@Override
	public void destroy() {
		this.scheduler.dispose();
	}

}
