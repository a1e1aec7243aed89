package dev.authgateway.gateway.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import dev.authgateway.gateway.session.OpaqueTokens;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * What a login with a temporary password gets instead of tokens: a single-use token, good
 * for ten minutes, that lets its user choose a new password. Only its SHA-256 is stored.
 */
@Component
class PasswordChangeTokens {

	static final Duration LIFETIME = Duration.ofMinutes(10);

	private static final Logger log = LoggerFactory.getLogger(PasswordChangeTokens.class);

	private final DatabaseClient database;

	private final Clock clock;

	PasswordChangeTokens(DatabaseClient database, Clock clock) {
		this.database = database;
		this.clock = clock;
	}

	Mono<String> issue(UUID userId) {
		String token = OpaqueTokens.generate();
		return this.database
			.sql("insert into password_change_token (token_hash, user_id, expires_at) values (:hash, :user, :expires)")
			.bind("hash", OpaqueTokens.hash(token))
			.bind("user", userId)
			.bind("expires", this.clock.instant().plus(LIFETIME))
			.then()
			.thenReturn(token);
	}

	/**
	 * The user the token was issued to, while it is unused and unexpired and their
	 * password still temporary.
	 */
	Mono<UUID> holder(String token) {
		if (!OpaqueTokens.isWellFormed(token)) {
			return Mono.empty();
		}
		return this.database.sql("""
				select c.user_id from password_change_token c join app_user u on u.id = c.user_id
				where c.token_hash = :hash and c.expires_at > :now and u.enabled and u.password_temporary""")
			.bind("hash", OpaqueTokens.hash(token))
			.bind("now", this.clock.instant())
			.map((row, metadata) -> row.get("user_id", UUID.class))
			.one();
	}

	/**
	 * Spends the token, and every other one of its user; false when it was spent
	 * meanwhile, or its user was disabled or their password is no longer temporary.
	 */
	Mono<Boolean> spend(String token, UUID userId) {
		return this.database.sql("""
				with spent as (delete from password_change_token c using app_user u
				  where c.token_hash = :hash and c.expires_at > :now
				    and u.id = c.user_id and u.enabled and u.password_temporary
				  returning c.user_id)
				, others as (delete from password_change_token where user_id = :user and token_hash <> :hash)
				select count(*) as spent from spent""")
			.bind("hash", OpaqueTokens.hash(token))
			.bind("now", this.clock.instant())
			.bind("user", userId)
			.map((row, metadata) -> row.get("spent", Long.class))
			.one()
			.map((spent) -> spent > 0);
	}

	@Scheduled(fixedDelayString = "${sessions.purge-interval:1h}", initialDelayString = "${sessions.purge-interval:1h}")
	Mono<Void> purge() {
		return this.database.sql("delete from password_change_token where expires_at < :now")
			.bind("now", this.clock.instant())
			.then()
			.onErrorResume((ex) -> {
				log.warn("Purging expired password change tokens failed; will try again: {}", ex.toString());
				return Mono.empty();
			});
	}

}
