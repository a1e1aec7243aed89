package dev.authgateway.gateway.session;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * A user's sessions as the account page and the admin console show them: the refresh
 * families that can still refresh, and ending them one by one or all but the current one.
 */
@Component
public class UserSessions {

	private final DatabaseClient database;

	private final Clock clock;

	private final RevokedSessions revoked;

	UserSessions(DatabaseClient database, Clock clock, MeterRegistry meters) {
		this.database = database;
		this.clock = clock;
		this.revoked = new RevokedSessions(meters);
	}

	/**
	 * The user's live sessions, last used first; {@code current} (may be null) is marked.
	 */
	public Mono<List<Session>> list(UUID userId, UUID current) {
		return this.database.sql("""
				select f.id, f.created_at, f.last_used_at, f.user_agent, f.client_address,
				       max(t.expires_at) as expires_at
				from refresh_family f join refresh_token t on t.family_id = f.id
				where f.user_id = :user and f.revoked_at is null and f.absolute_expires_at > :now
				  and t.spent_at is null and t.expires_at > :now
				group by f.id
				order by f.last_used_at desc, f.id""")
			.bind("user", userId)
			.bind("now", this.clock.instant())
			.map((row, metadata) -> {
				UUID id = row.get("id", UUID.class);
				return new Session(id, row.get("created_at", Instant.class), row.get("last_used_at", Instant.class),
						row.get("expires_at", Instant.class), row.get("user_agent", String.class),
						row.get("client_address", String.class), id.equals(current));
			})
			.all()
			.collectList();
	}

	/** Ends the user's session; false when the user has no such live session. */
	public Mono<Boolean> end(UUID userId, UUID sessionId, String reason) {
		return this.database.sql("""
				update refresh_family set revoked_at = :now, revoked_reason = :reason
				where id = :id and user_id = :user and revoked_at is null""")
			.bind("now", this.clock.instant())
			.bind("reason", reason)
			.bind("id", sessionId)
			.bind("user", userId)
			.fetch()
			.rowsUpdated()
			.doOnNext((rows) -> this.revoked.count(reason, rows))
			.map((rows) -> rows > 0);
	}

	/**
	 * Ends every session of the user but {@code kept} (null: every one); returns how
	 * many.
	 */
	public Mono<Long> endAllBut(UUID userId, UUID kept, String reason) {
		DatabaseClient.GenericExecuteSpec update = this.database.sql("""
				update refresh_family set revoked_at = :now, revoked_reason = :reason
				where user_id = :user and revoked_at is null and id is distinct from :kept""")
			.bind("now", this.clock.instant())
			.bind("reason", reason)
			.bind("user", userId);
		update = (kept != null) ? update.bind("kept", kept) : update.bindNull("kept", UUID.class);
		return update.fetch().rowsUpdated().doOnNext((rows) -> this.revoked.count(reason, rows));
	}

	/** A session as its user sees it. */
	public record Session(UUID id, Instant createdAt, Instant lastUsedAt, Instant expiresAt, String userAgent,
			String clientAddress, boolean current) {
	}

}
