package dev.authgateway.gateway.session;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * What the access tokens of a session carry about it, the same at every refresh: its id,
 * when and how (RFC 8176 methods) the user authenticated, and the thumbprint of the DPoP
 * key the session is bound to (RFC 9449 {@code cnf.jkt}), or null.
 */
public record SessionFacts(UUID id, Instant authTime, List<String> amr, String dpopJkt) {

	static SessionFacts of(UUID id, Instant authTime, String amr, String dpopJkt) {
		return new SessionFacts(id, authTime, Arrays.asList(amr.split(" ")), dpopJkt);
	}

}
