package dev.authgateway.gateway.audit;

import java.time.Instant;

/**
 * Which records an admin asks for; every part may be absent.
 *
 * @param action the action, such as {@code login.failed}
 * @param actor the actor's name or id
 * @param target what the action was on
 * @param from records at or after this instant
 * @param to records before this instant
 */
public record AuditFilter(String action, String actor, String target, Instant from, Instant to) {
}
