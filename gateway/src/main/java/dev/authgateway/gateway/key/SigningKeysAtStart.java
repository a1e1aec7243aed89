package dev.authgateway.gateway.key;

import java.time.Duration;

import com.nimbusds.jose.jwk.JWK;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Loads the signing keys before the gateway reports ready, making them when the database has none. Left to the
 * first request, a new deployment made two RSA keys on a cold JVM inside its first login, which took seconds and
 * could run past the request deadline (a 503); here that delays the first start only. A stored key that the
 * configured encryption key cannot open stops the start, rather than failing every login after it.
 */
@Component
class SigningKeysAtStart implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(SigningKeysAtStart.class);

	/** Flyway has just reached the database; this is the backstop for one that stops answering right after. */
	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private final SigningKeys keys;

	SigningKeysAtStart(SigningKeys keys) {
		this.keys = keys;
	}

	@Override
	public void run(ApplicationArguments args) {
		// runs once on the main thread before the application reports ready, so blocking here is fine
		JWK active = this.keys.active().block(TIMEOUT);
		log.info("Signing with key {} ({})", active.getKeyID(), active.getAlgorithm());
	}

}
