package dev.authgateway.resource.data;

import java.util.UUID;

import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Who is calling, as far as items are concerned. The ownership rule lives here and only
 * here: an item is the caller's if the caller owns it or has scope {@code admin}. Scopes
 * per method are in the security configuration.
 */
record Caller(UUID id, boolean admin) {

	private static final SimpleGrantedAuthority ADMIN = new SimpleGrantedAuthority("SCOPE_admin");

	static Caller of(JwtAuthenticationToken authentication) {
		return new Caller(UUID.fromString(authentication.getToken().getSubject()),
				authentication.getAuthorities().contains(ADMIN));
	}

	boolean mayAccess(Item item) {
		return this.admin || item.owner().equals(this.id);
	}

}
