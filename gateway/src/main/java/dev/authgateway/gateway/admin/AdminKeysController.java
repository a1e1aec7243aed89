package dev.authgateway.gateway.admin;

import java.util.Map;

import reactor.core.publisher.Mono;

import dev.authgateway.gateway.audit.AuditLog;
import dev.authgateway.gateway.audit.Actor;
import dev.authgateway.gateway.key.SigningKeys;
import dev.authgateway.gateway.web.ClientAddresses;

import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Key rotation and revocation on demand; each audit record commits with the change it
 * records.
 */
@RestController
class AdminKeysController {

	private final SigningKeys keys;

	private final AuditLog audit;

	private final ClientAddresses addresses;

	AdminKeysController(SigningKeys keys, AuditLog audit, ClientAddresses addresses) {
		this.keys = keys;
		this.audit = audit;
		this.addresses = addresses;
	}

	@PostMapping("/auth/admin/keys/rotate")
	Mono<Map<String, String>> rotate(@AuthenticationPrincipal Jwt token, ServerHttpRequest request) {
		Actor actor = Actor.of(token, this.addresses.of(request));
		return this.keys.rotate((activeKid) -> this.audit.record(actor, "keys.rotated", activeKid, null))
			.map((kid) -> Map.of("active_kid", kid));
	}

	/**
	 * For a key that may have leaked: it is deleted at once, and replaced when it signed.
	 */
	@PostMapping("/auth/admin/keys/{kid}/revoke")
	Mono<Map<String, String>> revoke(@PathVariable String kid, @AuthenticationPrincipal Jwt token,
			ServerHttpRequest request) {
		Actor actor = Actor.of(token, this.addresses.of(request));
		return this.keys
			.revoke(kid, (activeKid) -> this.audit.record(actor, "keys.revoked", kid, "active " + activeKid))
			.map((activeKid) -> Map.of("active_kid", activeKid));
	}

}
