package dev.authgateway.gateway.key;

import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import dev.authgateway.conventions.database.RunToCompletion;

import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * The gateway's signing keys, kept in PostgreSQL so that restarts and every instance share them. Keys move
 * from next (published, not yet signing) to active (signing) to retired (published until the tokens it
 * signed have expired), then are deleted. Unique indexes allow one active and one next key, so instances
 * starting together settle on the same keys; rotation takes an advisory lock, so instances rotating
 * together rotate once. Loaded keys are cached for {@code keys.reload-interval} (a minute), so a rotation by another
 * instance is seen within the interval. When loading fails (the database is down) the keys already known
 * are kept for another interval, so the JWK set is still published from memory; a first load that fails
 * is not cached and is tried again on the next call.
 */
@Component
// the schema first, and with it, on a new database, the first key's head start (FirstKeyAhead): left to its turn
// among the auto-configured beans, the migration ran after most of the start
@DependsOnDatabaseInitialization
public class SigningKeys {

	private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);

	/** Any constant: instances that rotate take this PostgreSQL advisory lock first. */
	private static final long ROTATION_LOCK = 0x6b65792d726f74L;

	/**
	 * How long the JWK set waits for a next key in the making: within the request deadline, so that on a machine
	 * too slow to make it in time verifiers still get the active key.
	 */
	private static final Duration NEXT_KEY_WAIT = Duration.ofSeconds(2);

	private final SigningKeyRepository repository;

	private final DatabaseClient database;

	private final TransactionalOperator transaction;

	private final KeyProperties properties;

	private final KeyEncryption encryption;

	private final FirstKeyAhead firstKey;

	private final Clock clock;

	private final Counter rotations;

	private volatile Mono<Keys> keys;

	private volatile Keys lastLoaded;

	/** Completes once a missing next key has been made (or could not be made); see {@link #publicJwkSet()}. */
	private volatile Mono<Void> nextKeyMade = Mono.empty();

	SigningKeys(SigningKeyRepository repository, DatabaseClient database, TransactionalOperator transaction,
			KeyProperties properties, FirstKeyAhead firstKey, Clock clock, MeterRegistry meters) {
		this.repository = repository;
		this.database = database;
		this.transaction = transaction;
		this.properties = properties;
		this.encryption = KeyEncryption.fromBase64(properties.encryptionKey());
		this.firstKey = firstKey;
		this.clock = clock;
		this.rotations = Counter.builder("authgateway.keys.rotations")
			.description("Signing key rotations made by this instance (due or asked for)")
			.register(meters);
		this.keys = cachedLoad();
	}

	/** The key that signs new tokens. */
	public Mono<JWK> active() {
		return this.keys.map(Keys::active);
	}

	/**
	 * The public keys that verifiers should accept. On a new database the next key is made just after the start;
	 * until it is, this waits for it (about a second, once per deployment; at most {@link #NEXT_KEY_WAIT}). A
	 * verifier keeps the set it fetched for a while, so a set without the next key, fetched just before a
	 * rotation, would leave it refusing the tokens of the newly active key until it may fetch again.
	 */
	public Mono<JWKSet> publicJwkSet() {
		return this.keys.flatMap((loaded) -> loaded.hasNext() ? Mono.just(loaded)
				: this.nextKeyMade.timeout(NEXT_KEY_WAIT, Mono.empty()).then(Mono.defer(() -> this.keys)))
			.map(Keys::published);
	}

	/** Rotates now: next becomes active, active is retired, a new next key is made. Returns the new active kid. */
	public Mono<String> rotate() {
		return rotate((kid) -> Mono.empty());
	}

	/**
	 * Rotates now, and runs {@code alsoInTransaction} with the newly active kid in the rotation's transaction
	 * (an audit record), so that either both are stored or neither is.
	 */
	public Mono<String> rotate(Function<String, Mono<Void>> alsoInTransaction) {
		return rotation(false, alsoInTransaction).then(reload()).map((loaded) -> loaded.active().getKeyID());
	}

	/** Rotates when the active key has signed for the rotation period; true when it did. */
	public Mono<Boolean> rotateIfDue() {
		return rotation(true, (kid) -> Mono.empty()).hasElement()
			.flatMap((rotated) -> rotated ? reload().thenReturn(true) : Mono.just(false));
	}

	/** Drops the cached keys, so the next call sees what the database holds now. */
	Mono<Keys> reload() {
		this.keys = cachedLoad();
		return this.keys;
	}

	private Mono<Keys> cachedLoad() {
		return load().doOnNext((loaded) -> this.lastLoaded = loaded)
			// the database is down: keep publishing (and signing with) the keys already known, as verifiers do
			.onErrorResume((ex) -> (this.lastLoaded != null) ? Mono.just(this.lastLoaded) : Mono.error(ex))
			.cache((loaded) -> this.properties.reloadInterval(), (error) -> Duration.ZERO, () -> Duration.ZERO);
	}

	private Mono<Keys> load() {
		return ensure("active", this.repository.findActive())
			// published keys are read once the active one surely exists, so the set always contains it
			.then(this.repository.findPublished().collectList())
			.doOnNext(this::makeNextKeyIfMissing)
			// turning DER into key objects (and decrypting them) is CPU work; keep it off the event loop
			.publishOn(Schedulers.parallel())
			.map(this::keysOf);
	}

	/**
	 * A new database's next key is made after its active key rather than with it: a key takes a core for a second
	 * on a cold JVM, and only the active one is needed to sign, so a first start is ready that much sooner. The JWK
	 * set is not published without it meanwhile (it waits); one that cannot be made now (the database is down) is
	 * tried again at the next load, and a rotation makes it itself when it is missing.
	 */
	private void makeNextKeyIfMissing(List<SigningKeyRow> rows) {
		if (rows.stream().noneMatch(SigningKeys::isNext)) {
			Mono<Void> made = ensure("next", this.repository.findNext()).then(Mono.defer(this::reload))
				.doOnError((ex) -> log.warn("No next signing key yet ({}); trying again at the next reload",
						ex.toString()))
				.then()
				.onErrorComplete()
				.cache();
			this.nextKeyMade = made;
			made.subscribe();
		}
	}

	private Mono<SigningKeyRow> ensure(String state, Mono<SigningKeyRow> existing) {
		return existing.switchIfEmpty(Mono.defer(() -> generate(state)
			.flatMap((row) -> this.repository.insertIfNone(row.kid(), row.algorithm(), state, row.publicKey(),
					row.privateKey(), this.clock.instant()))
			.then(existing)));
	}

	private Mono<SigningKeyRow> generate(String state) {
		String algorithm = this.properties.algorithm();
		Mono<KeyPair> madeAhead = "active".equals(state) ? this.firstKey.take() : Mono.empty();
		// key generation takes tens of milliseconds of CPU, a second on a cold JVM
		return madeAhead
			.switchIfEmpty(Mono.fromCallable(() -> KeyMaterial.generatePair(algorithm))
				.subscribeOn(Schedulers.boundedElastic()))
			.map((pair) -> KeyMaterial.row(pair, algorithm, state, this.encryption));
	}

	/** The kid that became active, or empty when the rotation was not due. */
	private Mono<String> rotation(boolean onlyWhenDue, Function<String, Mono<Void>> alsoInTransaction) {
		Mono<String> locked = this.database.sql("select pg_advisory_xact_lock(:lock)")
			.bind("lock", ROTATION_LOCK)
			.then()
			.then(onlyWhenDue ? isDue() : Mono.just(true))
			.filter((due) -> due)
			// a new database's next key may still be in the making: then this rotation makes it first
			.flatMap((due) -> ensure("next", this.repository.findNext()).then(generate("next")))
			.flatMap(this::rotateLocked)
			.flatMap((activeKid) -> alsoInTransaction.apply(activeKid).thenReturn(activeKid));
		return RunToCompletion.of(locked.as(this.transaction::transactional));
	}

	private Mono<Boolean> isDue() {
		Instant dueBefore = this.clock.instant().minus(this.properties.rotationPeriod());
		return this.database
			.sql("select coalesce(activated_at, created_at) as since from signing_key where state = 'active'")
			.map((row, metadata) -> row.get("since", Instant.class))
			.one()
			.map((since) -> since.isBefore(dueBefore))
			.defaultIfEmpty(true);
	}

	private Mono<String> rotateLocked(SigningKeyRow newNext) {
		Instant now = this.clock.instant();
		Mono<Long> retire = this.database
			.sql("update signing_key set state = 'retired', retired_at = :now where state = 'active'")
			.bind("now", now)
			.fetch()
			.rowsUpdated();
		Mono<String> promote = this.database
			.sql("update signing_key set state = 'active', activated_at = :now where state = 'next' returning kid")
			.bind("now", now)
			.map((row, metadata) -> row.get("kid", String.class))
			.one();
		Mono<Long> addNext = this.database.sql("""
				insert into signing_key (kid, algorithm, state, public_key, private_key, created_at)
				values (:kid, :algorithm, 'next', :publicKey, :privateKey, :now)""")
			.bind("kid", newNext.kid())
			.bind("algorithm", newNext.algorithm())
			.bind("publicKey", newNext.publicKey())
			.bind("privateKey", newNext.privateKey())
			.bind("now", now)
			.fetch()
			.rowsUpdated();
		Mono<Long> deleteExpired = this.database
			.sql("delete from signing_key where state = 'retired' and retired_at < :before")
			.bind("before", now.minus(this.properties.retiredKeyRetention()))
			.fetch()
			.rowsUpdated();
		return retire.then(promote)
			.switchIfEmpty(Mono.error(() -> new IllegalStateException("No next signing key to promote")))
			.flatMap((activeKid) -> addNext.then(deleteExpired).map((deleted) -> {
				log.info("Signing key rotated: {} signs now; {} expired key(s) deleted", activeKid, deleted);
				this.rotations.increment();
				return activeKid;
			}));
	}

	private Keys keysOf(List<SigningKeyRow> rows) {
		SigningKeyRow active = rows.stream()
			.filter((row) -> row.state().equals("active"))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("No active signing key"));
		// only the active key signs, so only its private half is decrypted
		List<JWK> publicKeys = rows.stream().map(KeyMaterial::publicJwk).toList();
		return new Keys(KeyMaterial.signingJwk(active, this.encryption), new JWKSet(publicKeys),
				rows.stream().anyMatch(SigningKeys::isNext));
	}

	private static boolean isNext(SigningKeyRow row) {
		return row.state().equals("next");
	}

	private record Keys(JWK active, JWKSet published, boolean hasNext) {
	}

}
