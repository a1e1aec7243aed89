package dev.authgateway.gateway.session;

import java.util.UUID;

/**
 * The same 401 as any refused refresh token (the caller learns nothing more), for a spent
 * token presented again: its family was revoked, and the gateway records whose it was.
 */
public class RefreshTokenReusedException extends RefreshTokenRejectedException {

	private final UUID userId;

	private final UUID familyId;

	RefreshTokenReusedException(UUID userId, UUID familyId) {
		this.userId = userId;
		this.familyId = familyId;
	}

	public UUID userId() {
		return this.userId;
	}

	public UUID familyId() {
		return this.familyId;
	}

}
