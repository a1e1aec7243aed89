package dev.authgateway.gateway.token;

import java.util.List;
import java.util.Optional;

import reactor.core.publisher.Mono;

import dev.authgateway.gateway.audit.Actor;
import dev.authgateway.gateway.audit.AuditLog;
import dev.authgateway.gateway.mfa.SecondFactors;
import dev.authgateway.gateway.passkey.PasskeyRejectedException;
import dev.authgateway.gateway.passkey.Passkeys;
import dev.authgateway.gateway.throttle.LoginThrottle;
import dev.authgateway.gateway.user.User;
import dev.authgateway.gateway.user.UserRepository;
import dev.authgateway.support.problem.InvalidRequest;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.web.server.ResponseStatusException;

/**
 * The second step of a login: the token from the first and a TOTP code, a recovery code
 * or a passkey give the tokens. A wrong code counts against the account's throttle as a
 * wrong password does, and against the token, which dies after a few.
 */
@Service
class MfaLogin {

	private final MfaChallenges challenges;

	private final SecondFactors secondFactors;

	private final UserRepository users;

	private final LoginThrottle throttle;

	private final AuditLog audit;

	private final LoginSessions sessions;

	private final Passkeys passkeys;

	MfaLogin(MfaChallenges challenges, SecondFactors secondFactors, Passkeys passkeys, UserRepository users,
			LoginThrottle throttle, AuditLog audit, LoginSessions sessions) {
		this.challenges = challenges;
		this.secondFactors = secondFactors;
		this.passkeys = passkeys;
		this.users = users;
		this.throttle = throttle;
		this.audit = audit;
		this.sessions = sessions;
	}

	Mono<IssuedTokens> complete(MfaRequest request, Client client) {
		if (request.proofs() != 1) {
			return Mono.error(
					InvalidRequest.of("totp", "send exactly one of totp, recovery_code, or ceremony with credential"));
		}
		if ((request.ceremony() == null) != (request.credential() == null)) {
			return Mono.error(InvalidRequest.of("credential", "send the passkey's credential with its ceremony"));
		}
		return this.challenges.attempt(request.mfaToken(), MfaChallenges.Purpose.SECOND_FACTOR)
			.flatMap(this.users::findById)
			.filter(User::enabled)
			.switchIfEmpty(Mono.error(MfaChallenges::unusable))
			.flatMap((user) -> this.throttle.reserveLogin(user.username(), client.address())
				.flatMap((reservation) -> verify(user, request)
					.onErrorResume(
							(ex) -> this.throttle.loginUnchecked(reservation).onErrorComplete().then(Mono.error(ex)))
					.flatMap((methods) -> {
						Actor actor = new Actor(user.id(), user.username(), client.address());
						if (methods.isEmpty()) {
							return this.audit.recordEvent(actor, "mfa.failed", user.id().toString())
								.then(Mono.error(() -> new ResponseStatusException(HttpStatus.UNAUTHORIZED,
										(request.ceremony() != null) ? "The passkey was not accepted."
												: "The code is wrong or was used already.")));
						}
						return this.challenges.spend(request.mfaToken())
							.filter((spent) -> spent)
							.switchIfEmpty(Mono.error(MfaChallenges::unusable))
							.then(this.throttle.loginSucceeded(reservation))
							.then(this.audit.recordEvent(actor, "mfa.succeeded", user.id().toString()))
							.then(this.sessions.start(user, methods.get(), client));
					})));
	}

	/** The methods the second step proves, or empty when it proves nothing. */
	private Mono<Optional<List<String>>> verify(User user, MfaRequest request) {
		if (request.ceremony() == null) {
			return this.secondFactors.verify(user.id(), request.totp(), request.recoveryCode());
		}
		return this.passkeys
			.verifySecondFactor(user.id(), request.mfaToken(), request.ceremony(), request.credential().toString())
			.thenReturn(Optional.of(Passkeys.PASSWORD_AND_PASSKEY))
			.onErrorResume(PasskeyRejectedException.class, (ex) -> Mono.just(Optional.empty()));
	}

}
