package dev.authgateway.gateway.token;

import reactor.core.publisher.Mono;

import dev.authgateway.gateway.audit.Actor;
import dev.authgateway.gateway.user.Passwords;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.web.server.ResponseStatusException;

/**
 * A user whose password is temporary chooses a new one with the change token their login
 * got, and is then logged in. The token is spent in the transaction that stores the new
 * password, so a refused password leaves it usable and a token is never spent twice.
 */
@Service
class TemporaryPasswordChange {

	private final PasswordChangeTokens changeTokens;

	private final Passwords passwords;

	private final LoginSessions sessions;

	TemporaryPasswordChange(PasswordChangeTokens changeTokens, Passwords passwords, LoginSessions sessions) {
		this.changeTokens = changeTokens;
		this.passwords = passwords;
		this.sessions = sessions;
	}

	Mono<IssuedTokens> change(PasswordChangeRequest request, Client client) {
		return this.changeTokens.holder(request.changeToken())
			.flatMap(this.passwords::find)
			.switchIfEmpty(Mono.error(TemporaryPasswordChange::unusable))
			.flatMap((user) -> {
				Mono<Void> spend = this.changeTokens.spend(request.changeToken(), user.id())
					.filter((spent) -> spent)
					.switchIfEmpty(Mono.error(TemporaryPasswordChange::unusable))
					.then();
				Actor actor = new Actor(user.id(), user.username(), client.address());
				return this.passwords.change(user, request.newPassword(), null, actor, spend)
					// an account with a second factor still shows it: a reset password is
					// not
					// enough
					.then(this.sessions.afterPassword(user, client));
			});
	}

	private static ResponseStatusException unusable() {
		return new ResponseStatusException(HttpStatus.UNAUTHORIZED,
				"The change token is unknown, used or expired. Log in with the temporary password again.");
	}

}
