package dev.authgateway.gateway.key;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes retired keys once every token they signed has expired, rather than at the next
 * rotation weeks later.
 */
@Component
class RetiredKeyPurge {

	private static final Logger log = LoggerFactory.getLogger(RetiredKeyPurge.class);

	private final SigningKeys keys;

	RetiredKeyPurge(SigningKeys keys) {
		this.keys = keys;
	}

	@Scheduled(fixedDelayString = "${keys.purge-interval:1m}", initialDelayString = "${keys.purge-interval:1m}")
	Mono<Void> purge() {
		return this.keys.deleteExpiredRetiredKeys().doOnNext((deleted) -> {
			if (deleted > 0) {
				log.info("{} retired signing key(s) deleted: every token they signed has expired", deleted);
			}
		}).onErrorResume((ex) -> {
			log.warn("Deleting retired signing keys failed; will try again: {}", ex.toString());
			return Mono.empty();
		}).then();
	}

}
