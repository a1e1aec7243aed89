package dev.authgateway.resource.me;

import java.time.Instant;
import java.util.List;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Who the caller is, from the verified access token alone. It needs no database, so it
 * keeps answering while PostgreSQL is down: a client can tell "my session is fine" from
 * "the data is unavailable".
 */
@RestController
class MeController {

	@GetMapping("/api/me")
	Me me(JwtAuthenticationToken authentication) {
		Jwt token = authentication.getToken();
		String scope = token.getClaimAsString("scope");
		List<String> roles = token.getClaimAsStringList("roles");
		return new Me(token.getSubject(), token.getClaimAsString("preferred_username"),
				(scope == null || scope.isBlank()) ? List.of() : List.of(scope.trim().split("\\s+")),
				(roles != null) ? roles : List.of(), token.getExpiresAt());
	}

	/**
	 * The caller: {@code sub}, username, scopes and roles as the token states them, and
	 * when it expires.
	 */
	record Me(String sub, String username, List<String> scope, List<String> roles, Instant expiresAt) {
	}

}
