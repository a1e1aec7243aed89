package dev.authgateway.gateway.session;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import dev.authgateway.support.database.RunToCompletion;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Refresh token families in PostgreSQL. Every state change is a single conditional
 * statement, so concurrent requests and several gateway instances never race: of many
 * refreshes of one token, the database lets exactly one spend it.
 */
@Component
public class RefreshTokens {

	private static final Logger log = LoggerFactory.getLogger(RefreshTokens.class);

	private final DatabaseClient database;

	private final TransactionalOperator transaction;

	private final SessionProperties properties;

	private final Clock clock;

	private final RevokedSessions revoked;

	private final Counter reuseDetected;

	private final GracedRotation graced;

	RefreshTokens(DatabaseClient database, TransactionalOperator transaction, SessionProperties properties, Clock clock,
			MeterRegistry meters) {
		this.database = database;
		this.transaction = transaction;
		this.properties = properties;
		this.clock = clock;
		this.revoked = new RevokedSessions(meters);
		this.graced = new GracedRotation(database, transaction, properties, clock);
		this.reuseDetected = Counter.builder("authgateway.refresh.reuse.detected")
			.description("Spent refresh tokens presented again; each revokes its family")
			.register(meters);
	}

	/** Starts a new family at login and returns its first token. */
	public Mono<RefreshToken> startFamily(SessionStart session) {
		Instant now = this.clock.instant();
		Instant absoluteExpiry = now.plus(this.properties.absoluteLifetime());
		DatabaseClient.GenericExecuteSpec insert = this.database.sql("""
				insert into refresh_family (id, user_id, client_id, created_at, absolute_expires_at, auth_time, amr,
				                            user_agent, client_address, last_used_at, dpop_jkt)
				values (:id, :user, :client, :now, :absolute, :authTime, :amr, :userAgent, :address, :now, :jkt)""")
			.bind("id", session.id())
			.bind("user", session.userId())
			.bind("client", session.clientId())
			.bind("now", now)
			.bind("absolute", absoluteExpiry)
			.bind("authTime", session.authTime())
			.bind("amr", String.join(" ", session.amr()));
		insert = (session.userAgent() != null) ? insert.bind("userAgent", session.userAgent())
				: insert.bindNull("userAgent", String.class);
		insert = (session.clientAddress() != null) ? insert.bind("address", session.clientAddress())
				: insert.bindNull("address", String.class);
		insert = (session.dpopJkt() != null) ? insert.bind("jkt", session.dpopJkt())
				: insert.bindNull("jkt", String.class);
		return RunToCompletion
			.of(insert.then().then(insertToken(session.id(), now, absoluteExpiry)).as(this.transaction::transactional));
	}

	/**
	 * Spends the token and issues its successor in the same family, when the caller
	 * proved possession of the key the family is bound to ({@code dpopJkt}, the
	 * thumbprint of the proof's key; null without a proof). A token that was already
	 * spent is a replay: the whole family is revoked, the successor issued by the winning
	 * use included. An unbound family refreshed with a proof is bound to its key from
	 * then on (RFC 9449 section 5). An unspent token presented without the family's key
	 * is refused and stays unspent.
	 */
	public Mono<Rotation> rotate(String token, String dpopJkt) {
		if (!OpaqueTokens.isWellFormed(token)) {
			return Mono.error(new RefreshTokenRejectedException());
		}
		byte[] hash = OpaqueTokens.hash(token);
		Instant now = this.clock.instant();
		Mono<Rotation> rotation = this.properties.reuseGrace().isZero() ? spendAndReplace(hash, now, dpopJkt)
				: this.graced.rotate(hash, dpopJkt);
		return rotation.switchIfEmpty(Mono.defer(() -> rejectAndDetectReuse(hash, now)));
	}

	/**
	 * Revokes the family the token belongs to, whatever state the token is in. Unknown
	 * tokens are ignored.
	 */
	public Mono<Boolean> revokeFamilyOf(String token, String reason) {
		if (!OpaqueTokens.isWellFormed(token)) {
			return Mono.just(false);
		}
		return this.database.sql("""
				update refresh_family set revoked_at = :now, revoked_reason = :reason
				where revoked_at is null
				  and id = (select family_id from refresh_token where token_hash = :hash)""")
			.bind("now", this.clock.instant())
			.bind("reason", reason)
			.bind("hash", OpaqueTokens.hash(token))
			.fetch()
			.rowsUpdated()
			.doOnNext((rows) -> revoked(reason, rows))
			.map((rows) -> rows > 0);
	}

	/** Revokes every family of the user: logout everywhere, a disabled account. */
	public Mono<Long> revokeAllOf(UUID userId, String reason) {
		return this.database.sql("""
				update refresh_family set revoked_at = :now, revoked_reason = :reason
				where user_id = :user and revoked_at is null""")
			.bind("now", this.clock.instant())
			.bind("reason", reason)
			.bind("user", userId)
			.fetch()
			.rowsUpdated()
			.doOnNext((rows) -> revoked(reason, rows));
	}

	private void revoked(String reason, long families) {
		this.revoked.count(reason, families);
	}

	/**
	 * What introspection may tell about a token: empty unless it would refresh right now.
	 */
	public Mono<ActiveRefreshToken> findActive(String token) {
		if (!OpaqueTokens.isWellFormed(token)) {
			return Mono.empty();
		}
		return this.database.sql("""
				select f.user_id, f.client_id, t.issued_at, t.expires_at
				from refresh_token t join refresh_family f on f.id = t.family_id
				where t.token_hash = :hash and t.spent_at is null and t.expires_at > :now
				  and f.revoked_at is null and f.absolute_expires_at > :now""")
			.bind("hash", OpaqueTokens.hash(token))
			.bind("now", this.clock.instant())
			.map((row, metadata) -> new ActiveRefreshToken(row.get("user_id", UUID.class),
					row.get("client_id", String.class), row.get("issued_at", Instant.class),
					row.get("expires_at", Instant.class)))
			.one();
	}

	/**
	 * Deletes what can never refresh again. Spent tokens are kept until they expire, so a
	 * replay within their lifetime is still recognised as one.
	 */
	public Mono<Long> purge() {
		Instant now = this.clock.instant();
		Mono<Long> families = this.database
			.sql("delete from refresh_family where absolute_expires_at < :now or revoked_at < :revokedBefore")
			.bind("now", now)
			.bind("revokedBefore", now.minus(this.properties.idleLifetime()))
			.fetch()
			.rowsUpdated();
		Mono<Long> tokens = this.database.sql("delete from refresh_token where expires_at < :now")
			.bind("now", now)
			.fetch()
			.rowsUpdated();
		return families.zipWith(tokens, Long::sum);
	}

	/**
	 * One statement, so one round trip and one commit: spends the token and inserts its
	 * successor. The row lock makes concurrent spends of one token queue up, and each
	 * re-checks the condition after the previous one committed; a spend that finds
	 * nothing to spend inserts nothing, so a spent token never passes (GracedRotation
	 * decides instead when a grace period is set). The account comes back with the
	 * rotation (name, role, enabled), so a refresh needs no second round trip for it.
	 */
	private Mono<Rotation> spendAndReplace(byte[] hash, Instant now, String dpopJkt) {
		String next = OpaqueTokens.generate();
		DatabaseClient.GenericExecuteSpec rotation = this.database.sql("""
				with spent as (
				  update refresh_token t set spent_at = :now
				  from refresh_family f
				  where t.token_hash = :hash and f.id = t.family_id
				    and t.spent_at is null
				    and t.expires_at > :now and f.revoked_at is null and f.absolute_expires_at > :now
				    and (f.dpop_jkt is null or f.dpop_jkt = :jkt)
				  returning t.family_id, f.user_id, f.absolute_expires_at, f.auth_time, f.amr, f.dpop_jkt)
				, used as (
				  update refresh_family set last_used_at = :now, dpop_jkt = coalesce(dpop_jkt, :jkt)
				  where id = (select family_id from spent))
				, successor as (
				  insert into refresh_token (token_hash, family_id, issued_at, expires_at)
				  select :next, family_id, :now, least(:idleExpiry, absolute_expires_at) from spent
				  returning family_id, expires_at)
				select successor.family_id, successor.expires_at, spent.auth_time, spent.amr,
				       coalesce(spent.dpop_jkt, :jkt) as dpop_jkt,
				       u.id as user_id, u.username, u.role, u.enabled
				from successor join spent on true join app_user u on u.id = spent.user_id""");
		rotation = (dpopJkt != null) ? rotation.bind("jkt", dpopJkt) : rotation.bindNull("jkt", String.class);
		return rotation.bind("hash", hash)
			.bind("now", now)
			.bind("next", OpaqueTokens.hash(next))
			.bind("idleExpiry", now.plus(this.properties.idleLifetime()))
			.map((row, metadata) -> new Rotation(
					new Account(row.get("user_id", UUID.class), row.get("username", String.class),
							row.get("role", String.class), Boolean.TRUE.equals(row.get("enabled", Boolean.class))),
					SessionFacts.of(row.get("family_id", UUID.class), row.get("auth_time", Instant.class),
							row.get("amr", String.class), row.get("dpop_jkt", String.class)),
					new RefreshToken(next, row.get("expires_at", Instant.class))))
			.one();
	}

	private Mono<Rotation> rejectAndDetectReuse(byte[] hash, Instant now) {
		Mono<RefreshTokenReusedException> revokeIfReplayed = this.database.sql("""
				update refresh_family f set revoked_at = :now, revoked_reason = 'reuse'
				from refresh_token t
				where t.token_hash = :hash and t.spent_at is not null and f.id = t.family_id
				  and f.revoked_at is null
				returning f.id, f.user_id""")
			.bind("now", now)
			.bind("hash", hash)
			.map((row, metadata) -> new RefreshTokenReusedException(row.get("user_id", UUID.class),
					row.get("id", UUID.class)))
			.all()
			.doOnNext((reused) -> {
				log.warn("Refresh token reuse detected for user {} (family {}): family revoked", reused.userId(),
						reused.familyId());
				this.reuseDetected.increment();
				revoked("reuse", 1);
			})
			.next();
		return revokeIfReplayed.flatMap(Mono::<Rotation>error)
			.switchIfEmpty(Mono.error(RefreshTokenRejectedException::new));
	}

	private Mono<RefreshToken> insertToken(UUID familyId, Instant now, Instant absoluteExpiry) {
		String token = OpaqueTokens.generate();
		Instant idleExpiry = now.plus(this.properties.idleLifetime());
		Instant expiresAt = idleExpiry.isBefore(absoluteExpiry) ? idleExpiry : absoluteExpiry;
		return this.database.sql("""
				insert into refresh_token (token_hash, family_id, issued_at, expires_at)
				values (:hash, :family, :now, :expires)""")
			.bind("hash", OpaqueTokens.hash(token))
			.bind("family", familyId)
			.bind("now", now)
			.bind("expires", expiresAt)
			.then()
			.thenReturn(new RefreshToken(token, expiresAt));
	}

	/**
	 * A successful refresh: whose it was, the session it keeps alive and the token that
	 * replaces it.
	 */
	public record Rotation(Account account, SessionFacts session, RefreshToken next) {
	}

	/** The account a family belongs to, as it is at the rotation. */
	public record Account(UUID userId, String username, String role, boolean enabled) {
	}

	/** A refresh token that would refresh right now. */
	public record ActiveRefreshToken(UUID userId, String clientId, Instant issuedAt, Instant expiresAt) {
	}

}
