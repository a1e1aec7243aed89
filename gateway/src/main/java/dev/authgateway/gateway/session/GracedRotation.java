package dev.authgateway.gateway.session;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import reactor.core.publisher.Mono;

import dev.authgateway.support.database.RunToCompletion;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Rotation when a reuse grace period is set. A token spent less than the grace period ago
 * may be presented again (a client that lost the answer to its refresh retries it): its
 * successor is then deleted and a new one takes its place, so the family stays one chain
 * and never forks into two live tokens. Once the successor has itself been used, or the
 * grace period is over, presenting the token again is reuse. The token's row is locked
 * for the whole decision, so concurrent presentations of one token are decided one after
 * another.
 */
final class GracedRotation {

	private final DatabaseClient database;

	private final TransactionalOperator transaction;

	private final SessionProperties properties;

	private final Clock clock;

	GracedRotation(DatabaseClient database, TransactionalOperator transaction, SessionProperties properties,
			Clock clock) {
		this.database = database;
		this.transaction = transaction;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * The rotation, or empty when the token may not be spent (unknown, expired, revoked,
	 * or reused).
	 */
	Mono<RefreshTokens.Rotation> rotate(byte[] hash, String dpopJkt) {
		Instant now = this.clock.instant();
		Mono<RefreshTokens.Rotation> locked = this.database.sql("""
				select t.spent_at, t.successor_hash, s.spent_at as successor_spent_at, f.id as family_id,
				       f.absolute_expires_at, f.auth_time, f.amr, f.dpop_jkt, u.id as user_id, u.username, u.role,
				       u.enabled
				from refresh_token t join refresh_family f on f.id = t.family_id join app_user u on u.id = f.user_id
				left join refresh_token s on s.token_hash = t.successor_hash
				where t.token_hash = :hash and t.expires_at > :now and f.revoked_at is null
				  and f.absolute_expires_at > :now
				for update of t""")
			.bind("hash", hash)
			.bind("now", now)
			.map((row, metadata) -> new Presented(row.get("spent_at", Instant.class),
					row.get("successor_hash", byte[].class), row.get("successor_spent_at", Instant.class),
					SessionFacts.of(row.get("family_id", UUID.class), row.get("auth_time", Instant.class),
							row.get("amr", String.class), row.get("dpop_jkt", String.class)),
					row.get("absolute_expires_at", Instant.class),
					new RefreshTokens.Account(row.get("user_id", UUID.class), row.get("username", String.class),
							row.get("role", String.class), Boolean.TRUE.equals(row.get("enabled", Boolean.class)))))
			.one()
			.filter((presented) -> presented.mayBeSpent(now.minus(this.properties.reuseGrace()))
					&& (presented.session().dpopJkt() == null || presented.session().dpopJkt().equals(dpopJkt)))
			.flatMap((presented) -> replaceSuccessor(presented, hash, now, dpopJkt));
		return RunToCompletion.of(locked.as(this.transaction::transactional));
	}

	private Mono<RefreshTokens.Rotation> replaceSuccessor(Presented presented, byte[] hash, Instant now,
			String dpopJkt) {
		String next = OpaqueTokens.generate();
		byte[] nextHash = OpaqueTokens.hash(next);
		Instant idleExpiry = now.plus(this.properties.idleLifetime());
		Instant expiresAt = idleExpiry.isBefore(presented.absoluteExpiresAt()) ? idleExpiry
				: presented.absoluteExpiresAt();
		// only a successor nobody has used: one spent meanwhile (its row lock waited for
		// here) means the chain
		// moved on, and presenting this token again is reuse
		Mono<Boolean> dropEarlierSuccessor = (presented.successorHash() == null) ? Mono.just(true)
				: this.database.sql("delete from refresh_token where token_hash = :successor and spent_at is null")
					.bind("successor", presented.successorHash())
					.fetch()
					.rowsUpdated()
					.map((deleted) -> deleted > 0);
		Mono<Void> spend = this.database.sql("""
				update refresh_token set spent_at = coalesce(spent_at, :now), successor_hash = :next
				where token_hash = :hash""").bind("now", now).bind("next", nextHash).bind("hash", hash).then();
		Mono<Void> insert = this.database.sql("""
				insert into refresh_token (token_hash, family_id, issued_at, expires_at)
				values (:next, :family, :now, :expires)""")
			.bind("next", nextHash)
			.bind("family", presented.session().id())
			.bind("now", now)
			.bind("expires", expiresAt)
			.then();
		DatabaseClient.GenericExecuteSpec usedSpec = this.database.sql(
				"update refresh_family set last_used_at = :now, dpop_jkt = coalesce(dpop_jkt, :jkt) where id = :family")
			.bind("now", now)
			.bind("family", presented.session().id());
		Mono<Void> used = ((dpopJkt != null) ? usedSpec.bind("jkt", dpopJkt) : usedSpec.bindNull("jkt", String.class))
			.then();
		SessionFacts session = presented.session();
		SessionFacts bound = (session.dpopJkt() == null && dpopJkt != null)
				? new SessionFacts(session.id(), session.authTime(), session.amr(), dpopJkt) : session;
		RefreshTokens.Rotation rotation = new RefreshTokens.Rotation(presented.account(), bound,
				new RefreshToken(next, expiresAt));
		return dropEarlierSuccessor.filter((dropped) -> dropped)
			.flatMap((dropped) -> insert.then(spend).then(used).thenReturn(rotation));
	}

	private record Presented(Instant spentAt, byte[] successorHash, Instant successorSpentAt, SessionFacts session,
			Instant absoluteExpiresAt, RefreshTokens.Account account) {

		/**
		 * Unspent, or spent within the grace period and replaced by a token nobody has
		 * used yet.
		 */
		boolean mayBeSpent(Instant graceStart) {
			if (this.spentAt == null) {
				return true;
			}
			return this.spentAt.isAfter(graceStart) && this.successorHash != null && this.successorSpentAt == null;
		}

	}

}
