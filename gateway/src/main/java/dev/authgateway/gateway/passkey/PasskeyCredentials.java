package dev.authgateway.gateway.passkey;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/** The users' passkeys: stored at registration, their counter moved at each use. */
@Component
class PasskeyCredentials {

	private static final String COLUMNS = """
			id, user_id, credential_id, attested_credential_data, sign_count, uv_initialized, backup_eligible,
			backup_state, transports, name, created_at, last_used_at""";

	private final DatabaseClient database;

	PasskeyCredentials(DatabaseClient database) {
		this.database = database;
	}

	/** Stores a new passkey; false when its credential id is registered already. */
	Mono<Boolean> insert(StoredPasskey passkey) {
		return this.database.sql("""
				insert into passkey_credential (id, user_id, credential_id, attested_credential_data, sign_count,
				    uv_initialized, backup_eligible, backup_state, transports, name, created_at)
				values (:id, :user, :credential, :data, :count, :uv, :be, :bs, :transports, :name, :created)
				on conflict (credential_id) do nothing""")
			.bind("id", passkey.id())
			.bind("user", passkey.userId())
			.bind("credential", passkey.credentialId())
			.bind("data", passkey.attestedCredentialData())
			.bind("count", passkey.signCount())
			.bind("uv", passkey.uvInitialized())
			.bind("be", passkey.backupEligible())
			.bind("bs", passkey.backupState())
			.bind("transports", String.join(",", passkey.transports()))
			.bind("name", passkey.name())
			.bind("created", passkey.createdAt())
			.fetch()
			.rowsUpdated()
			.map((rows) -> rows > 0);
	}

	Flux<StoredPasskey> ofUser(UUID userId) {
		return this.database
			.sql("select " + COLUMNS + " from passkey_credential where user_id = :user order by created_at")
			.bind("user", userId)
			.map(PasskeyCredentials::read)
			.all();
	}

	Mono<StoredPasskey> byCredentialId(byte[] credentialId) {
		return this.database.sql("select " + COLUMNS + " from passkey_credential where credential_id = :credential")
			.bind("credential", credentialId)
			.map(PasskeyCredentials::read)
			.one();
	}

	Mono<Boolean> exists(UUID userId) {
		return this.database.sql("select exists (select 1 from passkey_credential where user_id = :user) as found")
			.bind("user", userId)
			.map((row) -> Boolean.TRUE.equals(row.get("found", Boolean.class)))
			.one();
	}

	/**
	 * Moves the counter from what the check saw; false when another use moved it first,
	 * which only a cloned authenticator or a replayed answer would do.
	 */
	Mono<Boolean> recordUse(StoredPasskey passkey, long signCount, boolean backupState, Instant now) {
		return this.database.sql("""
				update passkey_credential set sign_count = :next, backup_state = :bs, last_used_at = :now
				where id = :id and sign_count = :seen""")
			.bind("next", signCount)
			.bind("bs", backupState)
			.bind("now", now)
			.bind("id", passkey.id())
			.bind("seen", passkey.signCount())
			.fetch()
			.rowsUpdated()
			.map((rows) -> rows > 0);
	}

	Mono<Boolean> delete(UUID userId, UUID id) {
		return this.database.sql("delete from passkey_credential where id = :id and user_id = :user")
			.bind("id", id)
			.bind("user", userId)
			.fetch()
			.rowsUpdated()
			.map((rows) -> rows > 0);
	}

	Mono<Long> deleteAll(UUID userId) {
		return this.database.sql("delete from passkey_credential where user_id = :user")
			.bind("user", userId)
			.fetch()
			.rowsUpdated();
	}

	private static StoredPasskey read(Readable row) {
		String transports = row.get("transports", String.class);
		Instant lastUsed = row.get("last_used_at", Instant.class);
		return new StoredPasskey(row.get("id", UUID.class), row.get("user_id", UUID.class),
				row.get("credential_id", byte[].class), row.get("attested_credential_data", byte[].class),
				row.get("sign_count", Long.class), row.get("uv_initialized", Boolean.class),
				row.get("backup_eligible", Boolean.class), row.get("backup_state", Boolean.class),
				(transports == null || transports.isEmpty()) ? List.of() : Arrays.asList(transports.split(",")),
				row.get("name", String.class), row.get("created_at", Instant.class), lastUsed);
	}

}
