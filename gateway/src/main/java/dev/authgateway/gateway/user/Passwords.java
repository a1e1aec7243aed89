package dev.authgateway.gateway.user;

import java.util.Optional;
import java.util.UUID;

import reactor.core.publisher.Mono;

import dev.authgateway.gateway.audit.Actor;
import dev.authgateway.gateway.audit.AuditLog;
import dev.authgateway.gateway.session.UserSessions;
import dev.authgateway.support.database.RunToCompletion;
import dev.authgateway.support.problem.InvalidRequest;

import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.server.ResponseStatusException;

/**
 * Changing and resetting passwords (OWASP ASVS V2.1.5). A changed password ends every
 * other session of the account; a reset ends all of them and leaves a temporary password
 * that only lets its user choose a new one. Each change commits with its audit record.
 */
@Service
public class Passwords {

	private final UserRepository users;

	private final PasswordPolicy policy;

	private final PasswordHashing hashing;

	private final UserSessions sessions;

	private final AuditLog audit;

	private final DatabaseClient database;

	private final TransactionalOperator transaction;

	Passwords(UserRepository users, PasswordPolicy policy, PasswordHashing hashing, UserSessions sessions,
			AuditLog audit, DatabaseClient database, TransactionalOperator transaction) {
		this.users = users;
		this.policy = policy;
		this.hashing = hashing;
		this.sessions = sessions;
		this.audit = audit;
		this.database = database;
		this.transaction = transaction;
	}

	/**
	 * Gives the user a new password of their choice, with the registration policy, and
	 * different from the one it replaces; every session but {@code kept} (may be null)
	 * ends. A 400 naming {@code newPassword} when the policy refuses it.
	 */
	public Mono<Void> change(User user, String newPassword, UUID kept, Actor actor) {
		return change(user, newPassword, kept, actor, Mono.empty());
	}

	/**
	 * As {@link #change(User, String, UUID, Actor)}, with {@code first} done in the same
	 * transaction before anything else; when it fails, nothing changes.
	 */
	public Mono<Void> change(User user, String newPassword, UUID kept, Actor actor, Mono<Void> first) {
		Optional<String> violation = this.policy.violation(user.username(), newPassword);
		if (violation.isPresent()) {
			return Mono.error(InvalidRequest.of("newPassword", violation.get()));
		}
		Mono<String> hash = this.hashing.matches(newPassword, user.passwordHash()).flatMap((same) -> {
			if (same) {
				return Mono.error(InvalidRequest.of("newPassword", "must differ from the current password"));
			}
			return this.hashing.hash(newPassword);
		});
		return hash.flatMap((newHash) -> inTransaction(first.then(replace(user, newHash))
			.then(this.sessions.endAllBut(user.id(), kept, "password_changed"))
			.then(this.audit.record(actor, "password.changed", user.id().toString(), null))));
	}

	/**
	 * Replaces the user's password with a temporary one and ends all their sessions;
	 * returns it, or empty when no user has this id.
	 */
	public Mono<String> reset(UUID userId, Actor admin) {
		String temporary = TemporaryPasswords.generate();
		return this.hashing.hash(temporary)
			.flatMap((hash) -> inTransaction(storeTemporary(userId, hash).filter((found) -> found)
				// a change token of the password this one replaces must not choose the
				// password instead of the user it is handed to now
				.flatMap((found) -> this.database.sql("delete from password_change_token where user_id = :id")
					.bind("id", userId)
					.then()
					.then(this.sessions.endAllBut(userId, null, "password_reset")))
				.flatMap((ended) -> this.audit
					.record(admin, "password.reset", userId.toString(), ended + " session(s) ended")
					.thenReturn(temporary))));
	}

	/**
	 * Creates an account whose password is temporary: the one given, or a new one. The
	 * password to hand over, or empty when the name is taken.
	 */
	public Mono<String> createWithTemporaryPassword(UUID id, String username, Role role, String given, Actor admin) {
		if (given != null) {
			Optional<String> violation = this.policy.violation(username, given);
			if (violation.isPresent()) {
				return Mono.error(InvalidRequest.of("password", violation.get()));
			}
		}
		String temporary = (given != null) ? given : TemporaryPasswords.generate();
		return this.hashing.hash(temporary)
			.flatMap((hash) -> inTransaction(this.users.insertIfAbsent(id, username, hash, role.name(), true)
				.filter((inserted) -> inserted > 0)
				.flatMap((inserted) -> this.audit.record(admin, "user.created", id.toString(), role.name())
					.thenReturn(temporary))));
	}

	public Mono<User> find(UUID userId) {
		return this.users.findById(userId);
	}

	/**
	 * Replaces the password this change was decided on, and only that one: a reset or
	 * another change that committed meanwhile wins, and this one is refused.
	 */
	private Mono<Void> replace(User user, String newHash) {
		return this.database.sql("""
				update app_user set password_hash = :hash, password_temporary = false
				where id = :id and password_hash = :previous and enabled""")
			.bind("hash", newHash)
			.bind("id", user.id())
			.bind("previous", user.passwordHash())
			.fetch()
			.rowsUpdated()
			.filter((rows) -> rows > 0)
			.switchIfEmpty(Mono.error(() -> new ResponseStatusException(HttpStatus.CONFLICT,
					"The password was changed or reset meanwhile, or the account disabled. Log in again.")))
			.then();
	}

	/** Stores a temporary password's hash; false when no user has this id. */
	private Mono<Boolean> storeTemporary(UUID userId, String hash) {
		return this.database.sql("update app_user set password_hash = :hash, password_temporary = true where id = :id")
			.bind("hash", hash)
			.bind("id", userId)
			.fetch()
			.rowsUpdated()
			.map((rows) -> rows > 0);
	}

	private <T> Mono<T> inTransaction(Mono<T> work) {
		return RunToCompletion.of(work.as(this.transaction::transactional));
	}

}
