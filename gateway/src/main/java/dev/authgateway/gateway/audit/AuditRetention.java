package dev.authgateway.gateway.audit;

import java.time.Clock;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Audit records are kept for {@code audit.retention} (90 days by default), then deleted.
 */
@Component
class AuditRetention {

	private static final Logger log = LoggerFactory.getLogger(AuditRetention.class);

	private final AuditLog audit;

	private final Duration retention;

	private final Clock clock;

	AuditRetention(AuditLog audit, @Value("${audit.retention:90d}") Duration retention, Clock clock) {
		this.audit = audit;
		this.retention = retention;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${audit.purge-interval:1h}", initialDelayString = "${audit.purge-interval:1h}")
	Mono<Void> purge() {
		return this.audit.deleteBefore(this.clock.instant().minus(this.retention)).onErrorResume((ex) -> {
			log.warn("Deleting old audit records failed; will try again: {}", ex.toString());
			return Mono.empty();
		}).then();
	}

}
