package dev.authgateway.gateway.key;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import com.nimbusds.jose.jwk.JWK;
import dev.authgateway.support.database.StartupRetry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Loads the signing keys before the gateway reports ready, making the active one when the
 * database has none. Left to the first request, a new deployment made its RSA keys on a
 * cold JVM inside its first login, which took seconds and could run past the request
 * deadline (a 503). Here the loading starts once the application's beans exist, on
 * another core while its servers start, and readiness waits for it (a first start on a
 * new database takes about a second longer, and makes its next key just after; later
 * starts only read the keys). A stored key that the configured encryption key cannot open
 * stops the start, rather than failing every login after it; a database that is not
 * available yet (a busy machine) is tried again for a while first.
 */
@Component
class SigningKeysAtStart implements SmartInitializingSingleton, ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(SigningKeysAtStart.class);

	/**
	 * The backstop for a database that stops answering altogether; longer than the
	 * retries.
	 */
	private static final Duration TIMEOUT = StartupRetry.WINDOW.plusSeconds(15);

	private final SigningKeys keys;

	private final SigningKeyEncryptionAtStart encryption;

	private CompletableFuture<JWK> loading;

	SigningKeysAtStart(SigningKeys keys, SigningKeyEncryptionAtStart encryption) {
		this.keys = keys;
		this.encryption = encryption;
	}

	/**
	 * Once every bean exists (the migrations have run): not earlier, as the database
	 * client's first use creates beans of its own (tracing), which must not happen on
	 * another thread while the context is still making its beans.
	 */
	@Override
	public void afterSingletonsInstantiated() {
		this.loading = StartupRetry
			.whileUnavailable("Signing keys", this.encryption.checkAndReseal().then(this.keys.active()))
			.toFuture();
	}

	@Override
	public void run(ApplicationArguments args) {
		// runs once on the main thread before the application reports ready, so blocking
		// here is fine
		JWK active = Mono.fromFuture(this.loading).block(TIMEOUT);
		log.info("Signing with key {} ({})", active.getKeyID(), active.getAlgorithm());
	}

}
