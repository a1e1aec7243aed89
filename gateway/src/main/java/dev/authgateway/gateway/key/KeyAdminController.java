package dev.authgateway.gateway.key;

import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** Rotation on demand, for admins (the security configuration requires scope {@code admin} under /auth/admin). */
@RestController
class KeyAdminController {

	private final SigningKeys keys;

	KeyAdminController(SigningKeys keys) {
		this.keys = keys;
	}

	@PostMapping("/auth/admin/keys/rotate")
	Mono<Map<String, String>> rotate() {
		return this.keys.rotate().map((kid) -> Map.of("active_kid", kid));
	}

}
