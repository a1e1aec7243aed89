package dev.authgateway.gateway.token;

import java.time.Duration;
import java.time.Instant;

import dev.authgateway.gateway.session.RefreshToken;

/** An access token and the refresh token issued with it. */
record IssuedTokens(AccessTokenIssuer.IssuedToken access, RefreshToken refresh) {

	long refreshExpiresIn(Instant now) {
		return Math.max(0, Duration.between(now, this.refresh.expiresAt()).toSeconds());
	}

	TokenResponse body(Instant now, boolean includeRefreshToken) {
		return new TokenResponse(this.access.value(), this.access.tokenType(), this.access.expiresIn(),
				refreshExpiresIn(now), this.access.scope(), includeRefreshToken ? this.refresh.value() : null, null);
	}

}
