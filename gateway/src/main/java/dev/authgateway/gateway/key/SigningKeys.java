package dev.authgateway.gateway.key;

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

import dev.authgateway.support.token.AccessTokenRules;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * The gateway's signing keys, kept in PostgreSQL so that restarts and every instance
 * share them. Keys move from next (published, not yet signing) to active (signing) to
 * retired (published until the tokens it signed have expired), then are deleted; a
 * revoked key is deleted at once (KeyRotation). Unique indexes allow one active and one
 * next key, so instances starting together settle on the same keys. Loaded keys are
 * cached for {@code keys.reload-interval} (a minute), so a change made by another
 * instance is seen within the interval. When loading fails (the database is down) the
 * keys already known are kept for another interval, so the JWK set is still published
 * from memory; a first load that fails is not cached and is tried again on the next call.
 */
@Component
// the schema first, and with it, on a new database, the first key's head start
// (FirstKeyAhead): left to its turn
// among the auto-configured beans, the migration ran after most of the start
@DependsOnDatabaseInitialization
public class SigningKeys {

	private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);

	/**
	 * How long the JWK set waits for a next key in the making: within the request
	 * deadline, so that on a machine too slow to make it in time verifiers still get the
	 * active key.
	 */
	private static final Duration NEXT_KEY_WAIT = Duration.ofSeconds(2);

	private final DatabaseClient database;

	private final KeyProperties properties;

	private final KeyEncryption encryption;

	private final Clock clock;

	private final SigningKeyStore store;

	private final KeyRotation rotation;

	/**
	 * How long a retired key stays published: the last token it signed was signed at most
	 * one reload interval after it retired (another instance's cache) and is accepted for
	 * its lifetime plus the verifiers' skew.
	 */
	private final Duration retiredKeyRetention;

	private volatile Mono<Keys> keys;

	private volatile Keys lastLoaded;

	/**
	 * Completes once a missing next key has been made (or could not be made); see
	 * {@link #publicJwkSet()}.
	 */
	private volatile Mono<Void> nextKeyMade = Mono.empty();

	SigningKeys(SigningKeyRepository repository, DatabaseClient database, TransactionalOperator transaction,
			KeyProperties properties, FirstKeyAhead firstKey, Clock clock, MeterRegistry meters,
			@Value("${tokens.access-token-lifetime:5m}") Duration accessTokenLifetime) {
		this.database = database;
		this.properties = properties;
		this.encryption = properties.encryption();
		this.clock = clock;
		this.retiredKeyRetention = accessTokenLifetime.plus(properties.reloadInterval())
			.plus(AccessTokenRules.DEFAULT_CLOCK_SKEW);
		Counter rotations = Counter.builder("authgateway.keys.rotations")
			.description("Signing key rotations made by this instance (due or asked for)")
			.register(meters);
		this.store = new SigningKeyStore(repository, firstKey, this.encryption, properties.algorithm(), clock);
		this.rotation = new KeyRotation(database, transaction, clock, rotations, this.store::generate,
				this.store::next);
		this.keys = cachedLoad();
	}

	/** The key that signs new tokens. */
	public Mono<JWK> active() {
		return this.keys.map(Keys::active);
	}

	/**
	 * The public keys that verifiers should accept. On a new database the next key is
	 * made just after the start; until it is, this waits for it (about a second, once per
	 * deployment; at most {@link #NEXT_KEY_WAIT}). A verifier keeps the set it fetched
	 * for a while, so a set without the next key, fetched just before a rotation, would
	 * leave it refusing the tokens of the newly active key until it may fetch again.
	 */
	public Mono<JWKSet> publicJwkSet() {
		return this.keys
			.flatMap((loaded) -> loaded.hasNext() ? Mono.just(loaded)
					: this.nextKeyMade.timeout(NEXT_KEY_WAIT, Mono.empty()).then(Mono.defer(() -> this.keys)))
			.map(Keys::published);
	}

	/**
	 * Whether the key is published now, as this instance knows it (from memory within the
	 * reload interval).
	 */
	public Mono<Boolean> isPublished(String kid) {
		return this.keys.map((loaded) -> loaded.published().getKeyByKeyId(kid) != null);
	}

	/**
	 * Rotates now: next becomes active, active is retired, a new next key is made.
	 * Returns the new active kid.
	 */
	public Mono<String> rotate() {
		return rotate((kid) -> Mono.empty());
	}

	/**
	 * Rotates now, and runs {@code alsoInTransaction} with the newly active kid in the
	 * rotation's transaction (an audit record), so that either both are stored or neither
	 * is.
	 */
	public Mono<String> rotate(Function<String, Mono<Void>> alsoInTransaction) {
		return this.rotation.rotate(Mono.just(true), alsoInTransaction).flatMap(this::reloadAfter);
	}

	/**
	 * Rotates when the active key has signed for the rotation period; true when it did.
	 */
	public Mono<Boolean> rotateIfDue() {
		return this.rotation.rotate(isDue(), (kid) -> Mono.empty())
			.hasElement()
			.flatMap((rotated) -> rotated ? reload().thenReturn(true) : Mono.just(false));
	}

	/**
	 * Revokes a key that may have leaked: it leaves the JWK set and this instance's trust
	 * at once (others within their reload interval), and a new key signs from now on if
	 * it was the active one. Returns the active kid.
	 */
	public Mono<String> revoke(String kid, Function<String, Mono<Void>> alsoInTransaction) {
		return this.rotation.revoke(kid, alsoInTransaction).flatMap(this::reloadAfter);
	}

	/**
	 * Reloads once a change has committed, and answers the kid the change made active.
	 * The reload is made only now: a cache made when the change was asked for could be
	 * filled by a request in between with the keys before it, and be kept as this
	 * instance's keys for a reload interval.
	 */
	private Mono<String> reloadAfter(String activeKid) {
		return Mono.defer(this::reload).thenReturn(activeKid);
	}

	/** Deletes retired keys whose every token has expired; returns how many. */
	Mono<Long> deleteExpiredRetiredKeys() {
		return this.rotation.deleteRetiredBefore(this.clock.instant().minus(this.retiredKeyRetention));
	}

	/** Drops the cached keys, so the next call sees what the database holds now. */
	Mono<Keys> reload() {
		this.keys = cachedLoad();
		return this.keys;
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

	private Mono<Keys> cachedLoad() {
		return load().doOnNext((loaded) -> this.lastLoaded = loaded)
			// the database is down: keep publishing (and signing with) the keys already
			// known, as verifiers do
			.onErrorResume((ex) -> (this.lastLoaded != null) ? Mono.just(this.lastLoaded) : Mono.error(ex))
			.cache((loaded) -> this.properties.reloadInterval(), (error) -> Duration.ZERO, () -> Duration.ZERO);
	}

	private Mono<Keys> load() {
		return this.store.active()
			// published keys are read once the active one surely exists, so the set
			// always contains it
			.then(this.store.published())
			.doOnNext(this::makeNextKeyIfMissing)
			// turning DER into key objects (and decrypting them) is CPU work; keep it off
			// the event loop
			.publishOn(Schedulers.parallel())
			.map(this::keysOf);
	}

	/**
	 * A new database's next key is made after its active key rather than with it: a key
	 * takes a core for a second on a cold JVM, and only the active one is needed to sign,
	 * so a first start is ready that much sooner. The JWK set is not published without it
	 * meanwhile (it waits); one that cannot be made now (the database is down) is tried
	 * again at the next load, and a rotation makes it itself when it is missing.
	 */
	private void makeNextKeyIfMissing(List<SigningKeyRow> rows) {
		if (rows.stream().noneMatch(SigningKeys::isNext)) {
			Mono<Void> made = this.store.next()
				.then(Mono.defer(this::reload))
				.doOnError((ex) -> log.warn("No next signing key yet ({}); trying again at the next reload",
						ex.toString()))
				.then()
				.onErrorComplete()
				.cache();
			this.nextKeyMade = made;
			made.subscribe();
		}
	}

	private Keys keysOf(List<SigningKeyRow> rows) {
		SigningKeyRow active = rows.stream()
			.filter((row) -> row.state().equals("active"))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("No active signing key"));
		Instant retiredLongEnough = this.clock.instant().minus(this.retiredKeyRetention);
		// only the active key signs, so only its private half is decrypted; a retired key
		// whose tokens have all expired is no longer published, even before it is deleted
		List<JWK> publicKeys = rows.stream()
			.filter((row) -> row.retiredAt() == null || row.retiredAt().isAfter(retiredLongEnough))
			.map(KeyMaterial::publicJwk)
			.toList();
		return new Keys(KeyMaterial.signingJwk(active, this.encryption), new JWKSet(publicKeys),
				rows.stream().anyMatch(SigningKeys::isNext));
	}

	private static boolean isNext(SigningKeyRow row) {
		return row.state().equals("next");
	}

	private record Keys(JWK active, JWKSet published, boolean hasNext) {

		String activeKid() {
			return this.active.getKeyID();
		}

	}

}
