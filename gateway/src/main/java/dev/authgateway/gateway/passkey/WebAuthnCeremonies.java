package dev.authgateway.gateway.passkey;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import dev.authgateway.gateway.session.OpaqueTokens;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * WebAuthn ceremonies between their options and their answer: a fresh random challenge
 * (WebAuthn section 13.4.3), whose ceremony it is, used once and for five minutes. Kept
 * in the database, so that the answer may reach another replica than the options did.
 */
@Component
class WebAuthnCeremonies {

	static final Duration LIFETIME = Duration.ofMinutes(5);

	private static final int CHALLENGE_BYTES = 32;

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final Logger log = LoggerFactory.getLogger(WebAuthnCeremonies.class);

	private final DatabaseClient database;

	private final Clock clock;

	WebAuthnCeremonies(DatabaseClient database, Clock clock) {
		this.database = database;
		this.clock = clock;
	}

	/**
	 * A registration for a signed-in user; it replaces any registration of theirs still
	 * pending, since the answer names no ceremony. One statement, so that two at once
	 * leave one.
	 */
	Mono<byte[]> startRegistration(UUID userId) {
		byte[] challenge = challenge();
		return this.database.sql("""
				insert into webauthn_ceremony (handle_hash, purpose, challenge, user_id, expires_at)
				values (:hash, 'registration', :challenge, :user, :expires)
				on conflict (user_id) where purpose = 'registration'
				do update set handle_hash = excluded.handle_hash, challenge = excluded.challenge,
				    expires_at = excluded.expires_at""")
			.bind("hash", OpaqueTokens.hash(OpaqueTokens.generate()))
			.bind("challenge", challenge)
			.bind("user", userId)
			.bind("expires", this.clock.instant().plus(LIFETIME))
			.then()
			.thenReturn(challenge);
	}

	/** Takes the user's pending registration: its challenge, or empty. */
	Mono<byte[]> takeRegistration(UUID userId) {
		return this.database.sql("""
				delete from webauthn_ceremony
				where purpose = 'registration' and user_id = :user and expires_at > :now
				returning challenge""")
			.bind("user", userId)
			.bind("now", this.clock.instant())
			.map((row, metadata) -> row.get("challenge", byte[].class))
			.one();
	}

	/**
	 * A passkey login, for anybody ({@code userId} null) or as the second factor of the
	 * login {@code mfaToken} continues.
	 */
	Mono<Started> startLogin(UUID userId, String mfaToken) {
		String handle = OpaqueTokens.generate();
		byte[] challenge = challenge();
		Purpose purpose = (userId != null) ? Purpose.SECOND_FACTOR : Purpose.LOGIN;
		byte[] tokenHash = (mfaToken != null) ? OpaqueTokens.hash(mfaToken) : null;
		return insert(handle, purpose, challenge, userId, tokenHash).thenReturn(new Started(handle, challenge));
	}

	/**
	 * Takes a login ceremony: its challenge and user, or empty when it is unknown, used,
	 * expired, of another purpose or, as a second factor, of another login.
	 */
	Mono<Ceremony> takeLogin(String handle, String mfaToken) {
		if (!OpaqueTokens.isWellFormed(handle)) {
			return Mono.empty();
		}
		Purpose purpose = (mfaToken != null) ? Purpose.SECOND_FACTOR : Purpose.LOGIN;
		return this.database.sql("""
				delete from webauthn_ceremony where handle_hash = :hash and expires_at > :now
				returning purpose, challenge, user_id, mfa_token_hash""")
			.bind("hash", OpaqueTokens.hash(handle))
			.bind("now", this.clock.instant())
			.map((row, metadata) -> new Taken(row.get("purpose", String.class), row.get("challenge", byte[].class),
					row.get("user_id", UUID.class), row.get("mfa_token_hash", byte[].class)))
			.one()
			.filter((taken) -> taken.purpose().equals(purpose.column) && (mfaToken == null
					|| java.security.MessageDigest.isEqual(taken.mfaTokenHash(), OpaqueTokens.hash(mfaToken))))
			.map((taken) -> new Ceremony(taken.challenge(), taken.userId()));
	}

	private Mono<Void> insert(String handle, Purpose purpose, byte[] challenge, UUID userId, byte[] tokenHash) {
		DatabaseClient.GenericExecuteSpec insert = this.database.sql("""
				insert into webauthn_ceremony (handle_hash, purpose, challenge, user_id, mfa_token_hash, expires_at)
				values (:hash, :purpose, :challenge, :user, :token, :expires)""")
			.bind("hash", OpaqueTokens.hash(handle))
			.bind("purpose", purpose.column)
			.bind("challenge", challenge)
			.bind("expires", this.clock.instant().plus(LIFETIME));
		insert = (userId != null) ? insert.bind("user", userId) : insert.bindNull("user", UUID.class);
		insert = (tokenHash != null) ? insert.bind("token", tokenHash) : insert.bindNull("token", byte[].class);
		return insert.then();
	}

	private static byte[] challenge() {
		byte[] challenge = new byte[CHALLENGE_BYTES];
		RANDOM.nextBytes(challenge);
		return challenge;
	}

	@Scheduled(fixedDelayString = "${sessions.purge-interval:1h}", initialDelayString = "${sessions.purge-interval:1h}")
	Mono<Void> purge() {
		return this.database.sql("delete from webauthn_ceremony where expires_at < :now")
			.bind("now", this.clock.instant())
			.then()
			.onErrorResume((ex) -> {
				log.warn("Purging expired passkey ceremonies failed; will try again: {}", ex.toString());
				return Mono.empty();
			});
	}

	private enum Purpose {

		REGISTRATION("registration"), LOGIN("login"), SECOND_FACTOR("second_factor");

		private final String column;

		Purpose(String column) {
			this.column = column;
		}

	}

	/** A login ceremony's handle, given to the browser, and its challenge. */
	record Started(String handle, byte[] challenge) {
	}

	/** A login ceremony taken: its challenge, and its user when it had one. */
	record Ceremony(byte[] challenge, UUID userId) {
	}

	private record Taken(String purpose, byte[] challenge, UUID userId, byte[] mfaTokenHash) {
	}

}
