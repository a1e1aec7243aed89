package dev.authgateway.gateway.token;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import reactor.core.publisher.Mono;

import dev.authgateway.gateway.mfa.SecondFactors;
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

	/** RFC 8176: a password. */
	static final List<String> PASSWORD = List.of("pwd");

	private final AccessTokenIssuer issuer;

	private final RefreshTokens refreshTokens;

	private final Clock clock;

	private final SecondFactors secondFactors;

	private final MfaChallenges challenges;

	LoginSessions(AccessTokenIssuer issuer, RefreshTokens refreshTokens, Clock clock, SecondFactors secondFactors,
			MfaChallenges challenges) {
		this.issuer = issuer;
		this.refreshTokens = refreshTokens;
		this.clock = clock;
		this.secondFactors = secondFactors;
		this.challenges = challenges;
	}

	/** The user's second factors: whether a right password is enough, and what else. */
	Mono<SecondFactors.Status> secondFactors(User user) {
		return this.secondFactors.status(user.id());
	}

	/**
	 * After a right password: a session, or for an account with a second factor the token
	 * for the second step (403 {@code mfa_required}), or for one whose role requires a
	 * factor it lacks the token to set one up. Every way a password leads to tokens comes
	 * through here.
	 */
	Mono<IssuedTokens> afterPassword(User user, Client client) {
		return secondFactors(user).flatMap((factors) -> afterPassword(user, client, factors));
	}

	/**
	 * As {@link #afterPassword(User, Client)}, for a caller that asked
	 * {@link #secondFactors} already.
	 */
	Mono<IssuedTokens> afterPassword(User user, Client client, SecondFactors.Status factors) {
		if (factors.on()) {
			return secondStep(user, factors.methods());
		}
		return this.secondFactors.requiredFor(user.role()) ? enrolmentStep(user) : start(user, PASSWORD, client);
	}

	/**
	 * The token that only lets a user whose role requires a second factor set one up (403
	 * {@code mfa_enrollment_required}).
	 */
	private Mono<IssuedTokens> enrolmentStep(User user) {
		return this.challenges.issue(user.id(), MfaChallenges.Purpose.ENROLMENT)
			.flatMap((token) -> Mono.error(MfaRequiredException.enrolment(token)));
	}

	/** The token for the second step, and the methods the account has for it. */
	private Mono<IssuedTokens> secondStep(User user, List<String> methods) {
		return this.challenges.issue(user.id(), MfaChallenges.Purpose.SECOND_FACTOR)
			.flatMap((token) -> Mono.error(MfaRequiredException.secondFactor(token, methods)));
	}

	Mono<IssuedTokens> start(User user, List<String> amr, Client client) {
		Instant now = this.clock.instant();
		SessionStart session = new SessionStart(UUID.randomUUID(), user.id(), this.issuer.clientId(), now, amr,
				client.userAgent(), client.address(), client.dpopJkt());
		SessionFacts facts = new SessionFacts(session.id(), now, session.amr(), session.dpopJkt());
		// the signature and the database write at once: the token names the session by
		// an id chosen here
		return this.issuer.issue(user, facts).zipWith(this.refreshTokens.startFamily(session), IssuedTokens::new);
	}

}
