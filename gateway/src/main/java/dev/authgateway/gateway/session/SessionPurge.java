package dev.authgateway.gateway.session;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes expired and long-revoked refresh tokens on a schedule, so the tables stay the
 * size of live sessions.
 */
@Component
class SessionPurge {

	private static final Logger log = LoggerFactory.getLogger(SessionPurge.class);

	private final RefreshTokens tokens;

	SessionPurge(RefreshTokens tokens) {
		this.tokens = tokens;
	}

	@Scheduled(fixedDelayString = "${sessions.purge-interval:1h}", initialDelayString = "${sessions.purge-interval:1h}")
	Mono<Void> purge() {
		return this.tokens.purge()
			.doOnNext((deleted) -> log.info("Purged {} expired or revoked refresh token row(s)", deleted))
			.onErrorResume((ex) -> {
				log.warn("Purging refresh tokens failed; will try again: {}", ex.getMessage());
				return Mono.empty();
			})
			.then();
	}

}
