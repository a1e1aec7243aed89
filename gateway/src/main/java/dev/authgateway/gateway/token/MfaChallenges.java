package dev.authgateway.gateway.token;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import dev.authgateway.gateway.session.OpaqueTokens;

import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * The second step of a login: a token that a right password of an account with a second
 * factor gets instead of tokens or, where the account's role requires a factor it lacks,
 * one that only lets it set one up. Good once, for five minutes and for up to five codes.
 * Only its SHA-256 is stored.
 */
@Component
class MfaChallenges {

	static final Duration LIFETIME = Duration.ofMinutes(5);

	static final int MAX_FAILURES = 5;

	private static final Logger log = LoggerFactory.getLogger(MfaChallenges.class);

	private final DatabaseClient database;

	private final Clock clock;

	MfaChallenges(DatabaseClient database, Clock clock) {
		this.database = database;
		this.clock = clock;
	}

	Mono<String> issue(UUID userId, Purpose purpose) {
		String token = OpaqueTokens.generate();
		return this.database.sql("""
				insert into mfa_challenge (token_hash, user_id, expires_at, purpose)
				values (:hash, :user, :expires, :purpose)""")
			.bind("hash", OpaqueTokens.hash(token))
			.bind("user", userId)
			.bind("purpose", purpose.column)
			.bind("expires", this.clock.instant().plus(LIFETIME))
			.then()
			.thenReturn(token);
	}

	/**
	 * Counts an attempt against the token before its code is checked, and answers whose
	 * login it continues; empty when the token is unknown, expired or out of attempts.
	 * Counting first means that concurrent guesses cannot get past the limit together.
	 */
	Mono<UUID> attempt(String token, Purpose purpose) {
		if (!OpaqueTokens.isWellFormed(token)) {
			return Mono.empty();
		}
		return this.database.sql("""
				update mfa_challenge set failures = failures + 1
				where token_hash = :hash and purpose = :purpose and expires_at > :now and failures < :max
				returning user_id""")
			.bind("hash", OpaqueTokens.hash(token))
			.bind("purpose", purpose.column)
			.bind("now", this.clock.instant())
			.bind("max", MAX_FAILURES)
			.map((row, metadata) -> row.get("user_id", UUID.class))
			.one();
	}

	/**
	 * Whose login the token continues, without counting an attempt: for starting a
	 * ceremony whose answer is counted when it comes.
	 */
	Mono<UUID> userOf(String token, Purpose purpose) {
		if (!OpaqueTokens.isWellFormed(token)) {
			return Mono.empty();
		}
		return this.database.sql("""
				select user_id from mfa_challenge
				where token_hash = :hash and purpose = :purpose and expires_at > :now and failures < :max""")
			.bind("hash", OpaqueTokens.hash(token))
			.bind("purpose", purpose.column)
			.bind("now", this.clock.instant())
			.bind("max", MAX_FAILURES)
			.map((row, metadata) -> row.get("user_id", UUID.class))
			.one();
	}

	/** Spends the token; false when another request spent it first. */
	Mono<Boolean> spend(String token) {
		return this.database.sql("delete from mfa_challenge where token_hash = :hash and expires_at > :now")
			.bind("hash", OpaqueTokens.hash(token))
			.bind("now", this.clock.instant())
			.fetch()
			.rowsUpdated()
			.map((rows) -> rows > 0);
	}

	/**
	 * The answer to a token that is unknown, used, expired or out of attempts: RFC 6749's
	 * {@code invalid_grant}, so that a client knows to start again from the password.
	 */
	static ResponseStatusException unusable() {
		ResponseStatusException unusable = new ResponseStatusException(HttpStatus.UNAUTHORIZED,
				"The mfa_token is unknown, used, expired or has seen too many wrong codes. Log in again.");
		unusable.getBody().setProperty("error", "invalid_grant");
		return unusable;
	}

	/** What a token lets its holder do. */
	enum Purpose {

		/** Show a second factor the account has. */
		SECOND_FACTOR("second_factor"),
		/** Set up a first second factor, which the account's role requires. */
		ENROLMENT("enrolment");

		private final String column;

		Purpose(String column) {
			this.column = column;
		}

	}

	@Scheduled(fixedDelayString = "${sessions.purge-interval:1h}", initialDelayString = "${sessions.purge-interval:1h}")
	Mono<Void> purge() {
		return this.database.sql("delete from mfa_challenge where expires_at < :now")
			.bind("now", this.clock.instant())
			.then()
			.onErrorResume((ex) -> {
				log.warn("Purging expired second-step tokens failed; will try again: {}", ex.toString());
				return Mono.empty();
			});
	}

}
