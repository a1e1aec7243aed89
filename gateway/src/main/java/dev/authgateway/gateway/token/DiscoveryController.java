package dev.authgateway.gateway.token;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.authgateway.gateway.passkey.Passkeys;
import dev.authgateway.support.dpop.DPoPReactiveAuthenticationManager;
import dev.authgateway.gateway.user.RegistrationProperties;
import dev.authgateway.gateway.user.Role;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What clients can find out before they log in: RFC 8414 metadata and the features
 * switched on.
 */
@RestController
class DiscoveryController {

	private final Map<String, Object> metadata;

	private final Map<String, Object> features;

	DiscoveryController(TokenProperties tokens, RegistrationProperties registration, Passkeys passkeys) {
		String issuer = tokens.issuer().replaceAll("/+$", "");
		Map<String, Object> metadata = new LinkedHashMap<>();
		metadata.put("issuer", tokens.issuer());
		metadata.put("jwks_uri", issuer + "/.well-known/jwks.json");
		metadata.put("token_endpoint", issuer + "/auth/token");
		metadata.put("revocation_endpoint", issuer + "/auth/revoke");
		metadata.put("introspection_endpoint", issuer + "/auth/introspect");
		// there is no authorization endpoint: tokens come from the password login and
		// refresh only
		metadata.put("response_types_supported", List.of());
		metadata.put("grant_types_supported", List.of("password", "refresh_token"));
		metadata.put("token_endpoint_auth_methods_supported", List.of("none"));
		metadata.put("revocation_endpoint_auth_methods_supported", List.of("none"));
		metadata.put("introspection_endpoint_auth_methods_supported", List.of("bearer"));
		metadata.put("scopes_supported", Role.ADMIN.scopes());
		metadata.put("dpop_signing_alg_values_supported",
				DPoPReactiveAuthenticationManager.ALGORITHMS.stream()
					.map(com.nimbusds.jose.JWSAlgorithm::getName)
					.sorted()
					.toList());
		this.metadata = java.util.Collections.unmodifiableMap(metadata);
		this.features = Map.of("registration", registration.enabled(), "passkeys", passkeys.enabled(), "dpop", true);
	}

	@GetMapping("/.well-known/oauth-authorization-server")
	ResponseEntity<Map<String, Object>> metadata() {
		return ResponseEntity.ok()
			.cacheControl(CacheControl.maxAge(Duration.ofHours(1)).cachePublic())
			.body(this.metadata);
	}

	@GetMapping("/auth/features")
	Map<String, Object> features() {
		return this.features;
	}

}
