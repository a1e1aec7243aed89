package dev.authgateway.gateway.admin;

import java.util.List;
import java.util.UUID;

import reactor.core.publisher.Mono;

import dev.authgateway.gateway.audit.AuditLog;
import dev.authgateway.gateway.audit.Actor;
import dev.authgateway.support.database.RunToCompletion;
import dev.authgateway.gateway.mfa.SecondFactors;
import dev.authgateway.gateway.session.RefreshTokens;
import dev.authgateway.gateway.session.UserSessions;
import dev.authgateway.gateway.user.Passwords;
import dev.authgateway.gateway.user.Role;
import dev.authgateway.gateway.user.UserAccounts;
import dev.authgateway.gateway.user.UserDirectory;
import dev.authgateway.gateway.user.UserSummary;

import dev.authgateway.support.paging.Page;

import dev.authgateway.support.paging.PageRequest;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.server.ResponseStatusException;

/**
 * What admins do to accounts. Every change and its audit record commit together. No admin
 * changes their own enabled flag or role: the last admin cannot lock everyone out, and an
 * admin who was disabled or demoted cannot undo it (LiveAdminAuthorization already
 * refuses such an admin any request).
 */
@Service
class AdminUsers {

	private final UserDirectory directory;

	private final TransactionalOperator transaction;

	private final UserAccounts accounts;

	private final RefreshTokens refreshTokens;

	private final AuditLog audit;

	private final Passwords passwords;

	private final UserSessions sessions;

	private final SecondFactors secondFactors;

	AdminUsers(UserDirectory directory, TransactionalOperator transaction, UserAccounts accounts,
			RefreshTokens refreshTokens, AuditLog audit, Passwords passwords, UserSessions sessions,
			SecondFactors secondFactors) {
		this.directory = directory;
		this.transaction = transaction;
		this.accounts = accounts;
		this.refreshTokens = refreshTokens;
		this.audit = audit;
		this.passwords = passwords;
		this.sessions = sessions;
		this.secondFactors = secondFactors;
	}

	/** Users whose name contains {@code query} (any case), by name. */
	Mono<Page<UserSummary>> search(String query, PageRequest page) {
		return this.directory.search(query, page);
	}

	Mono<UserSummary> find(UUID id) {
		return this.directory.find(id).switchIfEmpty(Mono.error(() -> notFound()));
	}

	/** Disables the account and revokes all its sessions. */
	Mono<UserSummary> disable(UUID id, Actor actor) {
		if (id.equals(actor.id())) {
			return Mono.error(conflict("You cannot disable your own account."));
		}
		return inTransaction(this.accounts.disable(id)
			.flatMap((found) -> found ? this.audit.record(actor, "user.disabled", id.toString(), null).then(find(id))
					: Mono.error(notFound())));
	}

	Mono<UserSummary> enable(UUID id, Actor actor) {
		if (id.equals(actor.id())) {
			return Mono.error(conflict("You cannot change whether your own account is enabled."));
		}
		return inTransaction(this.accounts.enable(id)
			.flatMap((found) -> found ? this.audit.record(actor, "user.enabled", id.toString(), null).then(find(id))
					: Mono.error(notFound())));
	}

	/**
	 * Gives the user the role. Access tokens carry roles, so the change shows in the
	 * user's next token (the next refresh at the latest); tokens already issued keep
	 * their scopes until they expire.
	 */
	Mono<UserSummary> changeRole(UUID id, Role role, Actor actor) {
		if (id.equals(actor.id())) {
			return Mono.error(conflict("You cannot change the role of your own account."));
		}
		Mono<Role> previous = this.directory.changeRole(id, role);
		return inTransaction(previous.switchIfEmpty(Mono.error(() -> notFound()))
			.flatMap((before) -> this.audit.record(actor, "user.role_changed", id.toString(), before + " -> " + role))
			.then(find(id)));
	}

	/** Ends every session of the user now; returns how many were active. */
	Mono<Long> revokeSessions(UUID id, Actor actor) {
		return inTransaction(find(id).then(this.refreshTokens.revokeAllOf(id, "admin"))
			.flatMap((revoked) -> this.audit
				.record(actor, "user.sessions_revoked", id.toString(), revoked + " session(s)")
				.thenReturn(revoked)));
	}

	/**
	 * Creates an account with a temporary password, the one given or a new one; the
	 * account and the password to hand over.
	 */
	Mono<CreatedUser> create(String username, Role role, String password, Actor actor) {
		UUID id = UUID.randomUUID();
		return this.passwords.createWithTemporaryPassword(id, username, role, password, actor)
			.switchIfEmpty(
					Mono.error(() -> new ResponseStatusException(HttpStatus.CONFLICT, "This username is taken.")))
			.flatMap((temporary) -> find(id).map((user) -> new CreatedUser(user, temporary)));
	}

	/**
	 * Gives the user a new temporary password and ends all their sessions; an admin
	 * changes their own password on their account page.
	 */
	Mono<String> resetPassword(UUID id, Actor actor) {
		if (id.equals(actor.id())) {
			return Mono.error(conflict("Change your own password on your account page."));
		}
		return this.passwords.reset(id, actor).switchIfEmpty(Mono.error(() -> notFound()));
	}

	/** Turns the user's second factors off; their user logs in with a password alone. */
	Mono<Void> removeSecondFactors(UUID id, Actor actor) {
		return find(id).then(this.secondFactors.removeAll(id, actor));
	}

	Mono<List<UserSessions.Session>> sessions(UUID id) {
		return find(id).then(this.sessions.list(id, null));
	}

	private <T> Mono<T> inTransaction(Mono<T> work) {
		return RunToCompletion.of(work.as(this.transaction::transactional));
	}

	private static ResponseStatusException notFound() {
		return new ResponseStatusException(HttpStatus.NOT_FOUND, "No user has this id.");
	}

	private static ResponseStatusException conflict(String reason) {
		return new ResponseStatusException(HttpStatus.CONFLICT, reason);
	}

	/** A new account and its temporary password. */
	record CreatedUser(UserSummary user, String temporaryPassword) {

		@Override
		public String toString() {
			// never the temporary password, in a log line or a codec's debug output
			return "CreatedUser[user=" + this.user + "]";
		}

	}

}
