package dev.authgateway.gateway.key;

import java.time.Duration;
import java.util.List;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.stereotype.Component;

/**
 * The gateway's signing keys, kept in PostgreSQL so that restarts and every instance share them. The first
 * instance to start without a key generates one; the unique index on the active state makes a concurrent
 * start settle on a single key. Loaded keys are cached briefly, and failures are not cached, so a database
 * that was down is retried on the next call.
 */
@Component
public class SigningKeys {

	private static final Duration CACHE_FOR = Duration.ofMinutes(1);

	private final SigningKeyRepository repository;

	private final Mono<Keys> keys;

	SigningKeys(SigningKeyRepository repository) {
		this.repository = repository;
		this.keys = load().cache((loaded) -> CACHE_FOR, (error) -> Duration.ZERO, () -> Duration.ZERO);
	}

	/** The key that signs new tokens. */
	public Mono<RSAKey> active() {
		return this.keys.map(Keys::active);
	}

	/** The public keys that verifiers should accept. */
	public Mono<JWKSet> publicJwkSet() {
		return this.keys.map(Keys::published);
	}

	private Mono<Keys> load() {
		return this.repository.findActive()
			.switchIfEmpty(Mono.defer(this::createActive))
			// published keys are read only once the active one surely exists, so the set always contains it
			.flatMap((active) -> this.repository.findPublished()
				.collectList()
				// turning DER into key objects is CPU work; keep it off the event loop
				.publishOn(Schedulers.parallel())
				.map((all) -> Keys.of(active, all)));
	}

	private Mono<SigningKeyRow> createActive() {
		return Mono.fromCallable(RsaKeys::generate)
			.subscribeOn(Schedulers.boundedElastic())
			.flatMap((row) -> this.repository.insertActiveIfNone(row.kid(), row.algorithm(), row.publicKey(),
					row.privateKey()))
			.then(this.repository.findActive());
	}

	private record Keys(RSAKey active, JWKSet published) {

		static Keys of(SigningKeyRow active, List<SigningKeyRow> all) {
			List<com.nimbusds.jose.jwk.JWK> publicKeys = all.stream()
				.map(RsaKeys::signingJwk)
				.map((key) -> (com.nimbusds.jose.jwk.JWK) key.toPublicJWK())
				.toList();
			return new Keys(RsaKeys.signingJwk(active), new JWKSet(publicKeys));
		}

	}

}
