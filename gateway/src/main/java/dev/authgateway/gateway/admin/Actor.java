package dev.authgateway.gateway.admin;

import java.util.UUID;

import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Who made an admin request, as the audit log records it: the token's subject and name,
 * and the address.
 */
record Actor(UUID id, String username, String address) {

	static Actor of(Jwt token, String address) {
		return new Actor(UUID.fromString(token.getSubject()), token.getClaimAsString("preferred_username"), address);
	}

}
