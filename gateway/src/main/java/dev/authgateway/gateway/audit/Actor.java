package dev.authgateway.gateway.audit;

import java.util.UUID;

import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Who did what the audit log records, and from which address: a user known by id and
 * name, or (a failed login under a name that matched nobody) only a keyed hash of the
 * name.
 */
public record Actor(UUID id, String username, String address) {

	/** The caller an access token names. */
	public static Actor of(Jwt token, String address) {
		return new Actor(UUID.fromString(token.getSubject()), token.getClaimAsString("preferred_username"), address);
	}

	/** A name that matched no account, known only by the pseudonym that stands for it. */
	public static Actor unknown(String pseudonym, String address) {
		return new Actor(null, pseudonym, address);
	}

}
