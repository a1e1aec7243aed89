package dev.authgateway.gateway.token;

import reactor.core.publisher.Mono;

import dev.authgateway.gateway.audit.Actor;
import dev.authgateway.gateway.audit.AuditLog;
import dev.authgateway.gateway.passkey.PasskeyRejectedException;
import dev.authgateway.gateway.passkey.Passkeys;
import dev.authgateway.gateway.user.User;
import dev.authgateway.gateway.user.UserRepository;
import dev.authgateway.support.problem.InvalidRequest;

import org.springframework.stereotype.Service;

/**
 * A login with a passkey and nothing else (WebAuthn's discoverable credentials): the
 * ceremony's options, then the authenticator's answer gives the tokens.
 */
@Service
class PasskeyLogin {

	private final Passkeys passkeys;

	private final MfaChallenges challenges;

	private final UserRepository users;

	private final AuditLog audit;

	private final LoginSessions sessions;

	PasskeyLogin(Passkeys passkeys, MfaChallenges challenges, UserRepository users, AuditLog audit,
			LoginSessions sessions) {
		this.passkeys = passkeys;
		this.challenges = challenges;
		this.users = users;
		this.audit = audit;
		this.sessions = sessions;
	}

	/**
	 * Options for a passkey login, or with an {@code mfa_token} for the second step of
	 * the login it continues.
	 */
	Mono<Passkeys.LoginOptions> options(String mfaToken) {
		if (mfaToken == null) {
			return this.passkeys.loginOptions();
		}
		return this.challenges.userOf(mfaToken, MfaChallenges.Purpose.SECOND_FACTOR)
			.switchIfEmpty(
					Mono.error(() -> InvalidRequest.of("mfa_token", "is unknown, used or expired; log in again")))
			.flatMap((userId) -> this.passkeys.exists(userId)
				.filter((exists) -> exists)
				.switchIfEmpty(
						Mono.error(() -> InvalidRequest.of("mfa_token", "belongs to an account without a passkey")))
				.then(this.passkeys.secondFactorOptions(userId, mfaToken)));
	}

	Mono<IssuedTokens> login(String ceremony, String credential, Client client) {
		return this.passkeys.authenticate(ceremony, credential)
			.onErrorResume(PasskeyRejectedException.class,
					(ex) -> this.audit
						.recordEvent(Actor.unknown("passkey", client.address()), "login.failed", "-", "passkey")
						.then(Mono.error(ex)))
			.flatMap(this.users::findById)
			.filter(User::enabled)
			.switchIfEmpty(Mono.error(PasskeyRejectedException::login))
			.flatMap((user) -> this.audit
				.recordEvent(new Actor(user.id(), user.username(), client.address()), "login.succeeded",
						user.id().toString(), "passkey")
				.then(this.sessions.start(user, Passkeys.PASSKEY, client)));
	}

}
