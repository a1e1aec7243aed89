package dev.authgateway.gateway.user;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.r2dbc.spi.Row;

/**
 * A user as admins see it: never the password hash. {@code roles} as in access tokens.
 */
public record UserSummary(UUID id, String username, List<String> roles, boolean enabled, Instant createdAt) {

	static UserSummary of(Row row) {
		return new UserSummary(row.get("id", UUID.class), row.get("username", String.class),
				List.of(row.get("role", String.class)), Boolean.TRUE.equals(row.get("enabled", Boolean.class)),
				row.get("created_at", Instant.class));
	}

}
