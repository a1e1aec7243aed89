package dev.authgateway.gateway.admin;

import java.time.Instant;
import java.util.UUID;

/** One admin action as stored: who, from where, what, on what. */
record AuditEvent(long id, Instant at, UUID actorId, String actorUsername, String clientAddress, String action,
		String target, String detail) {
}
