package dev.authgateway.gateway.user;

import java.util.UUID;

import reactor.core.publisher.Mono;

import dev.authgateway.gateway.session.RefreshTokens;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;

/** Changes to accounts that must also end sessions. */
@Service
public class UserAccounts {

	private final DatabaseClient database;

	private final RefreshTokens refreshTokens;

	UserAccounts(DatabaseClient database, RefreshTokens refreshTokens) {
		this.database = database;
		this.refreshTokens = refreshTokens;
	}

	/**
	 * Disables the account and revokes every refresh token family of the user. Access
	 * tokens already issued expire within their short lifetime; refresh and introspection
	 * refuse them at once.
	 */
	public Mono<Boolean> disable(UUID userId) {
		return this.database.sql("update app_user set enabled = false where id = :id")
			.bind("id", userId)
			.fetch()
			.rowsUpdated()
			.flatMap((rows) -> (rows == 0) ? Mono.just(false)
					: this.refreshTokens.revokeAllOf(userId, "disabled").thenReturn(true));
	}

	public Mono<Boolean> enable(UUID userId) {
		return this.database.sql("update app_user set enabled = true where id = :id")
			.bind("id", userId)
			.fetch()
			.rowsUpdated()
			.map((rows) -> rows > 0);
	}

}
