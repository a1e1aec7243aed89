package dev.authgateway.gateway.account;

import java.util.UUID;

import reactor.core.publisher.Mono;

import dev.authgateway.gateway.audit.Actor;
import dev.authgateway.gateway.audit.AuditLog;
import dev.authgateway.gateway.throttle.LoginThrottle;
import dev.authgateway.gateway.user.PasswordHashing;
import dev.authgateway.gateway.user.Passwords;
import dev.authgateway.gateway.user.User;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.web.server.ResponseStatusException;

/**
 * A user changes their own password. The current password is checked as a login is,
 * throttle included: a stolen access token must not become a way to guess it, nor to
 * replace it without knowing it.
 */
@Service
class AccountPasswordChange {

	private final Passwords passwords;

	private final PasswordHashing hashing;

	private final LoginThrottle throttle;

	private final AuditLog audit;

	AccountPasswordChange(Passwords passwords, PasswordHashing hashing, LoginThrottle throttle, AuditLog audit) {
		this.passwords = passwords;
		this.hashing = hashing;
		this.throttle = throttle;
		this.audit = audit;
	}

	Mono<Void> change(org.springframework.security.oauth2.jwt.Jwt token, PasswordUpdate request, String address) {
		UUID userId = UUID.fromString(token.getSubject());
		return this.passwords.find(userId)
			.filter(User::enabled)
			.switchIfEmpty(Mono.error(() -> new ResponseStatusException(HttpStatus.UNAUTHORIZED,
					"The account this token was issued for cannot change its password.")))
			.flatMap((user) -> {
				Actor actor = new Actor(user.id(), user.username(), address);
				return this.throttle.reserveLogin(user.username(), address)
					.flatMap((reservation) -> this.hashing.matches(request.currentPassword(), user.passwordHash())
						.onErrorResume((
								ex) -> this.throttle.loginUnchecked(reservation).onErrorComplete().then(Mono.error(ex)))
						.flatMap((matches) -> {
							if (!matches) {
								return this.audit.recordEvent(actor, "login.failed", user.id().toString())
									.then(Mono.error(new ResponseStatusException(HttpStatus.UNAUTHORIZED,
											"The current password is wrong.")));
							}
							return this.throttle.loginSucceeded(reservation)
								.then(this.passwords.change(user, request.newPassword(),
										AccountController.sessionId(token), actor));
						}));
			});
	}

}
