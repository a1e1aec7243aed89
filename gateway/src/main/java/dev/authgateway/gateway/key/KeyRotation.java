package dev.authgateway.gateway.key;

import java.time.Clock;
import java.time.Instant;
import java.util.function.Function;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import dev.authgateway.support.database.RunToCompletion;

import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.server.ResponseStatusException;

/**
 * Changes to the set of keys, each in one transaction under a PostgreSQL advisory lock,
 * so instances doing the same at the same time do it once: a rotation (next becomes
 * active, active is retired and its private half wiped, a new next key is made) and a
 * revocation (the key is deleted at once; an active one is replaced by the next key, a
 * next one by a new key).
 */
final class KeyRotation {

	private static final Logger log = LoggerFactory.getLogger(KeyRotation.class);

	/**
	 * Any constant: instances that change keys take this PostgreSQL advisory lock first.
	 */
	private static final long ROTATION_LOCK = 0x6b65792d726f74L;

	private final DatabaseClient database;

	private final TransactionalOperator transaction;

	private final Clock clock;

	private final Counter rotations;

	/** A new key's row in the given state, not yet stored. */
	private final Function<String, Mono<SigningKeyRow>> newKey;

	/** The next key, made first when a new database has none yet. */
	private final Supplier<Mono<SigningKeyRow>> ensureNext;

	KeyRotation(DatabaseClient database, TransactionalOperator transaction, Clock clock, Counter rotations,
			Function<String, Mono<SigningKeyRow>> newKey, Supplier<Mono<SigningKeyRow>> ensureNext) {
		this.database = database;
		this.transaction = transaction;
		this.clock = clock;
		this.rotations = rotations;
		this.newKey = newKey;
		this.ensureNext = ensureNext;
	}

	/** The kid that became active, or empty when {@code due} said no. */
	Mono<String> rotate(Mono<Boolean> due, Function<String, Mono<Void>> alsoInTransaction) {
		return locked(due.filter((isDue) -> isDue)
			// a new database's next key may still be in the making: then this rotation
			// makes it first
			.flatMap((isDue) -> this.ensureNext.get().then(this.newKey.apply("next")))
			.flatMap(this::rotateLocked)
			.flatMap((activeKid) -> alsoInTransaction.apply(activeKid).thenReturn(activeKid)));
	}

	/**
	 * Deletes the key now, whatever its state, replacing it when it was the active or the
	 * next key; returns the kid that signs afterwards. 404 when no key has this kid.
	 */
	Mono<String> revoke(String kid, Function<String, Mono<Void>> alsoInTransaction) {
		Mono<String> state = this.database.sql("select state from signing_key where kid = :kid")
			.bind("kid", kid)
			.map((row, metadata) -> row.get("state", String.class))
			.one()
			.switchIfEmpty(Mono.error(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No key has this kid.")));
		return locked(state.flatMap((found) -> delete(kid).then(switch (found) {
			case "active" -> this.ensureNext.get().then(this.newKey.apply("next")).flatMap(this::promoteAndAddNext);
			case "next" -> this.newKey.apply("next").flatMap(this::insertNext).then(activeKid());
			default -> activeKid();
		})).flatMap((activeKid) -> {
			log.warn("Signing key {} revoked; {} signs now", kid, activeKid);
			return alsoInTransaction.apply(activeKid).thenReturn(activeKid);
		}));
	}

	private Mono<String> locked(Mono<String> work) {
		Mono<String> underLock = this.database.sql("select pg_advisory_xact_lock(:lock)")
			.bind("lock", ROTATION_LOCK)
			.then()
			.then(work);
		return RunToCompletion.of(underLock.as(this.transaction::transactional));
	}

	private Mono<String> rotateLocked(SigningKeyRow newNext) {
		// the retired key signs no more: its private half is of no use to anyone but a
		// thief
		Mono<Long> retire = this.database.sql("""
				update signing_key set state = 'retired', retired_at = :now, private_key = ''::bytea
				where state = 'active'""").bind("now", this.clock.instant()).fetch().rowsUpdated();
		return retire.then(promoteAndAddNext(newNext)).map((activeKid) -> {
			log.info("Signing key rotated: {} signs now", activeKid);
			this.rotations.increment();
			return activeKid;
		});
	}

	private Mono<String> promoteAndAddNext(SigningKeyRow newNext) {
		Mono<String> promote = this.database
			.sql("update signing_key set state = 'active', activated_at = :now where state = 'next' returning kid")
			.bind("now", this.clock.instant())
			.map((row, metadata) -> row.get("kid", String.class))
			.one()
			.switchIfEmpty(Mono.error(() -> new IllegalStateException("No next signing key to promote")));
		return promote.flatMap((activeKid) -> insertNext(newNext).thenReturn(activeKid));
	}

	private Mono<Void> insertNext(SigningKeyRow newNext) {
		return this.database.sql("""
				insert into signing_key (kid, algorithm, state, public_key, private_key, created_at)
				values (:kid, :algorithm, 'next', :publicKey, :privateKey, :now)""")
			.bind("kid", newNext.kid())
			.bind("algorithm", newNext.algorithm())
			.bind("publicKey", newNext.publicKey())
			.bind("privateKey", newNext.privateKey())
			.bind("now", this.clock.instant())
			.then();
	}

	private Mono<Void> delete(String kid) {
		return this.database.sql("delete from signing_key where kid = :kid").bind("kid", kid).then();
	}

	private Mono<String> activeKid() {
		return this.database.sql("select kid from signing_key where state = 'active'")
			.map((row, metadata) -> row.get("kid", String.class))
			.one();
	}

	/** Deletes retired keys retired before the cutoff; returns how many. */
	Mono<Long> deleteRetiredBefore(Instant cutoff) {
		return this.database.sql("delete from signing_key where state = 'retired' and retired_at < :before")
			.bind("before", cutoff)
			.fetch()
			.rowsUpdated();
	}

}
