package dev.authgateway.gateway.key;

import java.security.KeyPair;
import java.time.Clock;
import java.util.List;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The stored keys and the making of new ones: the active and the next key are made when
 * missing, by whichever instance gets there first (unique indexes let one of them store
 * each), and a new database's active key is the one made ahead while the application
 * started.
 */
final class SigningKeyStore {

	private final SigningKeyRepository repository;

	private final FirstKeyAhead firstKey;

	private final KeyEncryption encryption;

	private final String algorithm;

	private final Clock clock;

	SigningKeyStore(SigningKeyRepository repository, FirstKeyAhead firstKey, KeyEncryption encryption, String algorithm,
			Clock clock) {
		this.repository = repository;
		this.firstKey = firstKey;
		this.encryption = encryption;
		this.algorithm = algorithm;
		this.clock = clock;
	}

	/** The active key, made first when there is none. */
	Mono<SigningKeyRow> active() {
		return ensure("active", this.repository.findActive());
	}

	/** The next key, made first when there is none. */
	Mono<SigningKeyRow> next() {
		return ensure("next", this.repository.findNext());
	}

	/** Next, active and retired keys: every key a verifier may meet. */
	Mono<List<SigningKeyRow>> published() {
		return this.repository.findPublished().collectList();
	}

	/** A new key's row in the given state, its private part encrypted, not yet stored. */
	Mono<SigningKeyRow> generate(String state) {
		Mono<KeyPair> madeAhead = "active".equals(state) ? this.firstKey.take() : Mono.empty();
		// key generation takes tens of milliseconds of CPU, a second on a cold JVM
		return madeAhead
			.switchIfEmpty(Mono.fromCallable(() -> KeyMaterial.generatePair(this.algorithm))
				.subscribeOn(Schedulers.boundedElastic()))
			.map((pair) -> KeyMaterial.row(pair, this.algorithm, state, this.encryption));
	}

	private Mono<SigningKeyRow> ensure(String state, Mono<SigningKeyRow> existing) {
		return existing.switchIfEmpty(Mono.defer(() -> generate(state)
			.flatMap((row) -> this.repository.insertIfNone(row.kid(), row.algorithm(), state, row.publicKey(),
					row.privateKey(), this.clock.instant()))
			.then(existing)));
	}

}
