package dev.authgateway.gateway.session;

import java.time.Instant;

/** A refresh token as handed to the client, with when it expires. */
public record RefreshToken(String value, Instant expiresAt) {

	@Override
	public String toString() {
		return "RefreshToken[expiresAt=" + this.expiresAt + "]";
	}

}
