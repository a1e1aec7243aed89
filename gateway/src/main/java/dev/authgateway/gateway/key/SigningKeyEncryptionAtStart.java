package dev.authgateway.gateway.key;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * What a start checks of the private keys' encryption at rest. Plaintext is a choice that
 * must be made ({@code keys.plaintext-allowed}) and is said again at every start; with an
 * encryption key, every stored key sealed with a previous key (or stored before
 * encryption was switched on) is sealed again with the current one, so that the previous
 * key can be dropped after one start.
 */
@Component
class SigningKeyEncryptionAtStart {

	private static final Logger log = LoggerFactory.getLogger(SigningKeyEncryptionAtStart.class);

	private final SigningKeyRepository repository;

	private final DatabaseClient database;

	private final KeyProperties properties;

	private final KeyEncryption encryption;

	SigningKeyEncryptionAtStart(SigningKeyRepository repository, DatabaseClient database, KeyProperties properties) {
		this.repository = repository;
		this.database = database;
		this.properties = properties;
		this.encryption = properties.encryption();
	}

	/**
	 * Fails when plaintext keys were not chosen; otherwise returns how many keys were
	 * sealed again.
	 */
	Mono<Long> checkAndReseal() {
		if (!this.encryption.enabled()) {
			if (!this.properties.plaintextAllowed()) {
				return Mono.error(new IllegalStateException("KEYS_ENCRYPTION_KEY (keys.encryption-key) is not set: "
						+ "private signing keys would be stored in plaintext. Set it (openssl rand -base64 32), or "
						+ "set KEYS_PLAINTEXT_ALLOWED=true to store them unencrypted."));
			}
			log.warn("Private signing keys are stored unencrypted (keys.plaintext-allowed); set KEYS_ENCRYPTION_KEY "
					+ "to encrypt them");
			return Mono.just(0L);
		}
		return this.repository.findPublished()
			.filter((row) -> this.encryption.needsResealing(row.privateKey()))
			.concatMap((row) -> this.database
				.sql("update signing_key set private_key = :sealed where kid = :kid and private_key = :stored")
				.bind("sealed", this.encryption.encrypt(this.encryption.decrypt(row.privateKey())))
				.bind("kid", row.kid())
				.bind("stored", row.privateKey())
				.fetch()
				.rowsUpdated())
			.reduce(0L, Long::sum)
			.doOnNext((sealed) -> {
				if (sealed > 0) {
					log.info("{} signing key(s) sealed again with the current encryption key", sealed);
				}
			});
	}

}
