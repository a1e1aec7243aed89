package dev.authgateway.gateway.audit;

import java.time.Instant;
import java.util.UUID;

/** One security event or admin action as stored: who, from where, what, on what. */
public record AuditEvent(long id, Instant at, UUID actorId, String actorUsername, String clientAddress, String action,
		String target, String detail) {
}
