package dev.authgateway.gateway.key;

import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Duration;

@RestController
class JwkSetController {

	private final SigningKeys keys;

	JwkSetController(SigningKeys keys) {
		this.keys = keys;
	}

	@GetMapping(path = "/.well-known/jwks.json",
			produces = { "application/jwk-set+json", MediaType.APPLICATION_JSON_VALUE })
	Mono<ResponseEntity<Map<String, Object>>> jwkSet() {
		// toJSONObject() without arguments exports public keys only
		return this.keys.publicJwkSet()
			.map((set) -> ResponseEntity.ok()
				.cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic())
				.body(set.toJSONObject()));
	}

}
