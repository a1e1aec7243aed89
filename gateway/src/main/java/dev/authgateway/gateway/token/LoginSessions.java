package dev.authgateway.gateway.token;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import reactor.core.publisher.Mono;

import dev.authgateway.gateway.session.RefreshTokens;
import dev.authgateway.gateway.session.SessionFacts;
import dev.authgateway.gateway.session.SessionStart;
import dev.authgateway.gateway.user.User;

import org.springframework.stereotype.Component;

/**
 * Starts a session for a user who has just authenticated: a new refresh family and an
 * access token that names it ({@code sid}), with when and how the user authenticated.
 */
@Component
class LoginSessions {

	private final AccessTokenIssuer issuer;

	private final RefreshTokens refreshTokens;

	private final Clock clock;

	LoginSessions(AccessTokenIssuer issuer, RefreshTokens refreshTokens, Clock clock) {
		this.issuer = issuer;
		this.refreshTokens = refreshTokens;
		this.clock = clock;
	}

	Mono<IssuedTokens> start(User user, List<String> amr, Client client) {
		Instant now = this.clock.instant();
		SessionStart session = new SessionStart(UUID.randomUUID(), user.id(), this.issuer.clientId(), now, amr,
				client.userAgent(), client.address());
		SessionFacts facts = new SessionFacts(session.id(), now, session.amr());
		// the signature and the database write at once: the token names the session by
		// an id chosen here
		return this.issuer.issue(user, facts).zipWith(this.refreshTokens.startFamily(session), IssuedTokens::new);
	}

}
