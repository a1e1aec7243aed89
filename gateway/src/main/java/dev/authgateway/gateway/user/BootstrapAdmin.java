package dev.authgateway.gateway.user;

import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import dev.authgateway.gateway.audit.Actor;
import dev.authgateway.gateway.audit.AuditLog;
import dev.authgateway.support.database.StartupRetry;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * The first admin of a deployment without demo users: {@code bootstrap.admin-username}
 * and {@code bootstrap.admin-password} create it at start when no enabled admin exists,
 * with the password as a temporary one. Gateways that start together take turns on a
 * transaction-scoped advisory lock, so exactly one of them creates it and the others find
 * it.
 */
@Component
class BootstrapAdmin implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(BootstrapAdmin.class);

	/** The advisory lock's key: any number, the same in every gateway. */
	private static final long LOCK = 0x626f6f7473747261L;

	private final DatabaseClient database;

	private final TransactionalOperator transaction;

	private final PasswordHashing hashing;

	private final AuditLog audit;

	private final String username;

	private final String password;

	BootstrapAdmin(DatabaseClient database, TransactionalOperator transaction, PasswordHashing hashing, AuditLog audit,
			@Value("${bootstrap.admin-username:}") String username,
			@Value("${bootstrap.admin-password:}") String password) {
		this.database = database;
		this.transaction = transaction;
		this.hashing = hashing;
		this.audit = audit;
		this.username = username.strip();
		this.password = password;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (this.username.isEmpty() && this.password.isEmpty()) {
			return;
		}
		if (this.username.isEmpty() || this.password.isEmpty()) {
			throw new IllegalStateException(
					"Set both BOOTSTRAP_ADMIN_USERNAME and BOOTSTRAP_ADMIN_PASSWORD, or neither of them.");
		}
		if (!this.username.matches("[A-Za-z0-9._-]{3,64}")) {
			throw new IllegalStateException(
					"BOOTSTRAP_ADMIN_USERNAME may contain only 3 to 64 letters, digits, '.', '_' and '-'.");
		}
		// runs once on the main thread before the application reports ready, so blocking
		// here is fine. Once an admin exists (every start after the first, as long as the
		// settings stay), no password is hashed: the first hash on a cold JVM costs most
		// of a second. Otherwise the hash is made before the lock is taken, so that
		// gateways starting together do not queue on it for a hash each.
		Mono<Outcome> decided = adminExists().flatMap((present) -> present ? Mono.just(Outcome.ADMIN_EXISTS)
				: this.hashing.hash(this.password).flatMap(this::createUnlessAnAdminExists));
		Outcome outcome = StartupRetry.whileUnavailable("Bootstrap admin", decided).block();
		switch (outcome) {
			case CREATED ->
				log.warn("Bootstrap admin '{}' created with a temporary password: log in to choose one", this.username);
			case NAME_TAKEN -> log.error(
					"No enabled admin exists, and the bootstrap admin's name '{}' belongs to another account: choose another BOOTSTRAP_ADMIN_USERNAME",
					this.username);
			case ADMIN_EXISTS -> log.info("An enabled admin exists: the bootstrap admin settings are not needed");
		}
	}

	Mono<Outcome> createUnlessAnAdminExists(String hash) {
		UUID id = UUID.randomUUID();
		Mono<Outcome> decided = this.database.sql("select pg_advisory_xact_lock(:lock)")
			.bind("lock", LOCK)
			.then()
			.then(adminExists())
			.flatMap((present) -> present ? Mono.just(Outcome.ADMIN_EXISTS) : insert(id, hash));
		return decided.as(this.transaction::transactional);
	}

	private Mono<Boolean> adminExists() {
		return this.database.sql("select exists (select 1 from app_user where role = 'ADMIN' and enabled) as present")
			.map((row, metadata) -> Boolean.TRUE.equals(row.get("present", Boolean.class)))
			.one();
	}

	private Mono<Outcome> insert(UUID id, String hash) {
		return this.database.sql("""
				insert into app_user (id, username, password_hash, role, enabled, password_temporary)
				values (:id, :username, :hash, 'ADMIN', true, true) on conflict do nothing""")
			.bind("id", id)
			.bind("username", this.username)
			.bind("hash", hash)
			.fetch()
			.rowsUpdated()
			.flatMap((rows) -> (rows == 0) ? Mono.just(Outcome.NAME_TAKEN)
					: this.audit.record(new Actor(null, null, "-"), "user.created", id.toString(), "bootstrap admin")
						.thenReturn(Outcome.CREATED));
	}

	enum Outcome {

		CREATED, NAME_TAKEN, ADMIN_EXISTS

	}

}
