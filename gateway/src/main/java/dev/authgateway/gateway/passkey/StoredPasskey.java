package dev.authgateway.gateway.passkey;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A registered passkey as the database holds it. */
record StoredPasskey(UUID id, UUID userId, byte[] credentialId, byte[] attestedCredentialData, long signCount,
		boolean uvInitialized, boolean backupEligible, boolean backupState, List<String> transports, String name,
		Instant createdAt, Instant lastUsedAt) {

	Passkey view() {
		return new Passkey(this.id, this.name, this.createdAt, this.lastUsedAt);
	}

}
