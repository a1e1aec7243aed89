package dev.authgateway.gateway.key;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Each instance checks now and then whether the active key is due; the advisory lock
 * makes one of them rotate.
 */
@Component
class KeyRotationSchedule {

	private static final Logger log = LoggerFactory.getLogger(KeyRotationSchedule.class);

	private final SigningKeys keys;

	KeyRotationSchedule(SigningKeys keys) {
		this.keys = keys;
	}

	@Scheduled(fixedDelayString = "${keys.rotation-check-interval:1h}",
			initialDelayString = "${keys.rotation-check-interval:1h}")
	Mono<Void> rotateIfDue() {
		return this.keys.rotateIfDue().doOnNext((rotated) -> {
			if (rotated) {
				log.info("Signing key rotation was due and is done");
			}
		}).onErrorResume((ex) -> {
			log.warn("Signing key rotation check failed; will try again: {}", ex.toString());
			return Mono.empty();
		}).then();
	}

}
