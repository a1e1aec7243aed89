package dev.authgateway.gateway.session;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * What the access tokens of a session carry about it, the same at every refresh: its id,
 * and when and how (RFC 8176 methods) the user authenticated.
 */
public record SessionFacts(UUID id, Instant authTime, List<String> amr) {

	static SessionFacts of(UUID id, Instant authTime, String amr) {
		return new SessionFacts(id, authTime, Arrays.asList(amr.split(" ")));
	}

}
