package dev.authgateway.gateway.token;

import jakarta.validation.Valid;
import reactor.core.publisher.Mono;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
class TokenController {

	private final TokenService tokens;

	TokenController(TokenService tokens) {
		this.tokens = tokens;
	}

	@PostMapping(path = "/auth/token", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	Mono<ResponseEntity<TokenResponse>> token(@Valid @RequestBody TokenRequest request) {
		// RFC 6749 5.1: token responses must not be cached
		return this.tokens.login(request)
			.map((body) -> ResponseEntity.ok().cacheControl(CacheControl.noStore()).header("Pragma", "no-cache").body(body));
	}

}
