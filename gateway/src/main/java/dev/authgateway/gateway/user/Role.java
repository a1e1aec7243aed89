package dev.authgateway.gateway.user;

import java.util.List;

/**
 * What a user may do. The scopes are what access tokens carry, so resource servers can
 * decide on scopes alone.
 */
public enum Role {

	USER(List.of("data:read", "data:write")),

	ADMIN(List.of("data:read", "data:write", "admin"));

	private final List<String> scopes;

	Role(List<String> scopes) {
		this.scopes = scopes;
	}

	public List<String> scopes() {
		return this.scopes;
	}

}
