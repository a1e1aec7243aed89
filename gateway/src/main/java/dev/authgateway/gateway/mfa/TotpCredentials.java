package dev.authgateway.gateway.mfa;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import reactor.core.publisher.Mono;

import dev.authgateway.gateway.key.SecretSealing;

import org.springframework.r2dbc.core.DatabaseClient;

/**
 * The users' TOTP secrets, sealed at rest; each accepted code moves the last step used.
 */
final class TotpCredentials {

	private static final int SECRET_BYTES = 20;

	private static final SecureRandom RANDOM = new SecureRandom();

	private final DatabaseClient database;

	private final SecretSealing sealing;

	private final Clock clock;

	TotpCredentials(DatabaseClient database, SecretSealing sealing, Clock clock) {
		this.database = database;
		this.sealing = sealing;
		this.clock = clock;
	}

	/**
	 * A new pending secret, replacing any pending one; empty when a confirmed one exists.
	 */
	Mono<byte[]> startPending(UUID userId) {
		byte[] secret = new byte[SECRET_BYTES];
		RANDOM.nextBytes(secret);
		return this.database.sql("""
				insert into totp_credential (user_id, secret, created_at) values (:user, :secret, :now)
				on conflict (user_id) do update set secret = excluded.secret, created_at = excluded.created_at
				where totp_credential.confirmed_at is null""")
			.bind("user", userId)
			.bind("secret", this.sealing.seal(secret))
			.bind("now", this.clock.instant())
			.fetch()
			.rowsUpdated()
			.filter((rows) -> rows > 0)
			.map((rows) -> secret);
	}

	/**
	 * Accepts the code once: for the confirmed secret ({@code pending} false) or the
	 * pending one, confirming it. False for a wrong code or one already used.
	 */
	Mono<Boolean> accept(UUID userId, String code, boolean pending) {
		Instant now = this.clock.instant();
		return this.database
			.sql("select secret from totp_credential where user_id = :user and confirmed_at is "
					+ (pending ? "null" : "not null"))
			.bind("user", userId)
			.map((row, metadata) -> row.get("secret", byte[].class))
			.one()
			.flatMap((sealed) -> {
				long step = Totp.matchingStep(this.sealing.open(sealed), code, now);
				if (step < 0) {
					return Mono.empty();
				}
				// the secret the code was checked against, in the state it was read in:
				// one
				// removed or replaced meanwhile is not confirmed or used by it
				return this.database
					.sql("""
							update totp_credential set last_used_step = :step, confirmed_at = coalesce(confirmed_at, :now)
							where user_id = :user and last_used_step < :step and secret = :sealed and confirmed_at"""
							+ (pending ? " is null" : " is not null"))
					.bind("step", step)
					.bind("now", now)
					.bind("user", userId)
					.bind("sealed", sealed)
					.fetch()
					.rowsUpdated();
			})
			.map((rows) -> rows > 0)
			.defaultIfEmpty(false);
	}

	/** Deletes the user's secret, confirmed or pending; whether one was confirmed. */
	Mono<Boolean> delete(UUID userId) {
		return this.database.sql("delete from totp_credential where user_id = :user returning confirmed_at")
			.bind("user", userId)
			.map((row, metadata) -> row.get("confirmed_at", Instant.class) != null)
			.one()
			.defaultIfEmpty(false);
	}

}
