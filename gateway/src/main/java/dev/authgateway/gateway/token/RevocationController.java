package dev.authgateway.gateway.token;

import reactor.core.publisher.Mono;

import dev.authgateway.gateway.session.RefreshTokens;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

/**
 * RFC 7009 revocation. A refresh token revokes its whole family. Access tokens are
 * self-contained JWTs that live five minutes; revoking one is accepted and answered like
 * any other token, as RFC 7009 allows.
 */
@RestController
class RevocationController {

	private final RefreshTokens refreshTokens;

	RevocationController(RefreshTokens refreshTokens) {
		this.refreshTokens = refreshTokens;
	}

	@PostMapping(path = "/auth/revoke", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
	Mono<ResponseEntity<Void>> revoke(ServerWebExchange exchange) {
		return exchange.getFormData().flatMap((form) -> {
			String token = token(form);
			// 200 whether or not the token was known, so the endpoint tells nothing about
			// tokens
			return this.refreshTokens.revokeFamilyOf(token, "revoked").thenReturn(ResponseEntity.ok().<Void>build());
		});
	}

	static String token(MultiValueMap<String, String> form) {
		String token = form.getFirst("token");
		if (token == null || token.isBlank()) {
			throw OAuthProblems.invalidRequest("The token parameter is required.");
		}
		if (token.length() > 8192) {
			throw OAuthProblems.invalidRequest("The token is too long.");
		}
		return token;
	}

}
