package dev.authgateway.gateway.session;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** The metric of sessions ended, by why. */
final class RevokedSessions {

	private final MeterRegistry meters;

	RevokedSessions(MeterRegistry meters) {
		this.meters = meters;
	}

	void count(String reason, long families) {
		Counter.builder("authgateway.sessions.revoked")
			.description("Refresh token families revoked, by reason")
			.tag("reason", reason)
			.register(this.meters)
			.increment(families);
	}

}
