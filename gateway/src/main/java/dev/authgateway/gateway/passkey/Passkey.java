package dev.authgateway.gateway.passkey;

import java.time.Instant;
import java.util.UUID;

/** A passkey as its owner sees it on the account page. */
public record Passkey(UUID id, String name, Instant createdAt, Instant lastUsedAt) {
}
