package dev.authgateway.gateway.mfa;

import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.authgateway.gateway.key.SecretSealing;
import dev.authgateway.support.database.StartupRetry;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Seals the stored TOTP secrets again with the current encryption key at start, as the
 * signing keys are, so that a key moved to {@code keys.previous-encryption-keys} can be
 * dropped after one start with the new one.
 */
@Component
class TotpSecretsAtStart implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(TotpSecretsAtStart.class);

	private final DatabaseClient database;

	private final SecretSealing sealing;

	TotpSecretsAtStart(DatabaseClient database, SecretSealing sealing) {
		this.database = database;
		this.sealing = sealing;
	}

	@Override
	public void run(ApplicationArguments args) {
		// runs once on the main thread before the application reports ready, so blocking
		// here is fine
		Long resealed = StartupRetry
			.whileUnavailable("TOTP secrets", this.database.sql("select user_id, secret from totp_credential")
				.map((row, metadata) -> new Stored(row.get("user_id", UUID.class), row.get("secret", byte[].class)))
				.all()
				.filter((stored) -> this.sealing.needsResealing(stored.secret()))
				.concatMap((stored) -> this.database
					.sql("update totp_credential set secret = :sealed where user_id = :user and secret = :stored")
					.bind("sealed", this.sealing.seal(this.sealing.open(stored.secret())))
					.bind("user", stored.userId())
					.bind("stored", stored.secret())
					.fetch()
					.rowsUpdated())
				.reduce(0L, Long::sum))
			.block();
		if (resealed != null && resealed > 0) {
			log.info("{} TOTP secret(s) sealed again with the current encryption key", resealed);
		}
	}

	private record Stored(UUID userId, byte[] secret) {
	}

}
