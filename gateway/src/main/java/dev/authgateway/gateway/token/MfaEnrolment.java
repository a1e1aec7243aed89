package dev.authgateway.gateway.token;

import java.util.List;

import reactor.core.publisher.Mono;

import dev.authgateway.gateway.audit.Actor;
import dev.authgateway.gateway.mfa.SecondFactors;
import dev.authgateway.gateway.user.User;
import dev.authgateway.gateway.user.UserRepository;
import dev.authgateway.support.database.RunToCompletion;
import dev.authgateway.support.problem.InvalidRequest;

import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * The login of a user whose role requires a second factor they do not have yet: the token
 * their password got lets them set up an authenticator, and its first code completes the
 * login.
 */
@Service
class MfaEnrolment {

	private final MfaChallenges challenges;

	private final SecondFactors secondFactors;

	private final UserRepository users;

	private final LoginSessions sessions;

	private final TransactionalOperator transaction;

	MfaEnrolment(MfaChallenges challenges, SecondFactors secondFactors, UserRepository users, LoginSessions sessions,
			TransactionalOperator transaction) {
		this.transaction = transaction;
		this.challenges = challenges;
		this.secondFactors = secondFactors;
		this.users = users;
		this.sessions = sessions;
	}

	Mono<SecondFactors.Enrolment> startTotp(String mfaToken) {
		return this.challenges.userOf(mfaToken, MfaChallenges.Purpose.ENROLMENT)
			.flatMap(this.users::findById)
			.filter(User::enabled)
			.switchIfEmpty(Mono.error(MfaChallenges::unusable))
			.flatMap((user) -> this.secondFactors.startTotp(user.id(), user.username()));
	}

	/**
	 * Turns the authenticator on with its first code and logs the user in; the recovery
	 * codes come with the tokens, shown this once.
	 */
	Mono<Enrolled> confirmTotp(String mfaToken, String code, Client client) {
		return this.challenges.attempt(mfaToken, MfaChallenges.Purpose.ENROLMENT)
			.flatMap(this.users::findById)
			.filter(User::enabled)
			.switchIfEmpty(Mono.error(MfaChallenges::unusable))
			.flatMap(
					(user) -> RunToCompletion.of(turnOn(user, mfaToken, code, client)
						.flatMap((recoveryCodes) -> this.sessions.start(user, SecondFactors.PASSWORD_AND_TOTP, client)
							.map((issued) -> new Enrolled(issued, recoveryCodes)))
						.as(this.transaction::transactional)));
	}

	/**
	 * Spends the token and turns the authenticator on, in the transaction that starts the
	 * session: a wrong code leaves the token for another try, and a login that fails
	 * leaves no authenticator on whose recovery codes nobody saw.
	 */
	private Mono<java.util.List<String>> turnOn(User user, String mfaToken, String code, Client client) {
		return this.challenges.spend(mfaToken)
			.filter((spent) -> spent)
			.switchIfEmpty(Mono.error(MfaChallenges::unusable))
			.then(this.secondFactors.confirmTotp(user.id(), code,
					new Actor(user.id(), user.username(), client.address())))
			.switchIfEmpty(Mono.error(() -> InvalidRequest.of("code",
					"is not the authenticator's current code; check the device's clock, or set it up again")));
	}

	/** The tokens of the login the set-up completed, and the new recovery codes. */
	record Enrolled(IssuedTokens tokens, List<String> recoveryCodes) {
	}

}
