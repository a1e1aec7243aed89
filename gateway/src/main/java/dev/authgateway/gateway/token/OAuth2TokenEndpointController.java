package dev.authgateway.gateway.token;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import jakarta.validation.Validator;
import reactor.core.publisher.Mono;

import dev.authgateway.gateway.web.ClientAddresses;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

/**
 * The token endpoint for standard OAuth clients (RFC 6749 section 3.2): form requests of
 * the {@code password} (section 4.3.2) and {@code refresh_token} (section 6) grants,
 * answered in script mode, with errors as section 5.2 says. JSON callers of the same path
 * keep their problem details (TokenController).
 */
@RestController
class OAuth2TokenEndpointController {

	private final TokenService tokens;

	private final ClientAddresses addresses;

	private final Validator validator;

	private final Clock clock;

	private final String clientId;

	private final DPoPProofs proofs;

	OAuth2TokenEndpointController(TokenService tokens, ClientAddresses addresses, Validator validator, Clock clock,
			TokenProperties properties, DPoPProofs proofs) {
		this.proofs = proofs;
		this.tokens = tokens;
		this.addresses = addresses;
		this.validator = validator;
		this.clock = clock;
		this.clientId = properties.clientId();
	}

	@PostMapping(path = "/auth/token", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	Mono<ResponseEntity<Object>> token(ServerWebExchange exchange) {
		return this.proofs.keyOf(exchange.getRequest())
			.zipWith(exchange.getFormData())
			.flatMap((proved) -> grant(proved.getT2(), exchange.getRequest(), proved.getT1()))
			.map((issued) -> OAuth2ErrorResponses.noStore(issued.body(this.clock.instant(), true)))
			.onErrorResume(OAuth2ErrorResponses::handles, (ex) -> Mono.just(OAuth2ErrorResponses.of(ex)));
	}

	private Mono<IssuedTokens> grant(MultiValueMap<String, String> form, ServerHttpRequest http,
			Optional<String> dpopKey) {
		for (Map.Entry<String, List<String>> parameter : form.entrySet()) {
			if (parameter.getValue().size() > 1) {
				// section 3.2: request parameters must not be included more than once
				return Mono.error(OAuth2Error.invalidRequest("The parameter " + parameter.getKey() + " is repeated."));
			}
		}
		String clientId = form.getFirst("client_id");
		if (clientId != null && !clientId.equals(this.clientId)) {
			return Mono.error(OAuth2Error.invalidClient());
		}
		String grantType = form.getFirst("grant_type");
		if (grantType == null || grantType.isBlank()) {
			return Mono.error(OAuth2Error.invalidRequest("Send grant_type: password or refresh_token."));
		}
		return switch (grantType) {
			case "password" -> passwordGrant(form, http, dpopKey);
			case "refresh_token" -> refreshGrant(form, http, dpopKey);
			default -> Mono.error(OAuth2Error.unsupportedGrantType());
		};
	}

	private Mono<IssuedTokens> passwordGrant(MultiValueMap<String, String> form, ServerHttpRequest http,
			Optional<String> dpopKey) {
		TokenRequest request = new TokenRequest(form.getFirst("username"), form.getFirst("password"));
		String invalid = this.validator.validate(request)
			.stream()
			.map((violation) -> violation.getPropertyPath() + " " + violation.getMessage())
			.sorted()
			.collect(Collectors.joining("; "));
		if (!invalid.isEmpty()) {
			return Mono.error(OAuth2Error.invalidRequest(capitalised(invalid) + "."));
		}
		return this.tokens.login(request, Client.of(http, this.addresses).withDPoPKey(dpopKey));
	}

	private Mono<IssuedTokens> refreshGrant(MultiValueMap<String, String> form, ServerHttpRequest http,
			Optional<String> dpopKey) {
		String refreshToken = form.getFirst("refresh_token");
		if (refreshToken == null || refreshToken.isBlank()) {
			return Mono.error(OAuth2Error.invalidRequest("Send refresh_token."));
		}
		return this.tokens.refresh(refreshToken, this.addresses.of(http), dpopKey);
	}

	private static String capitalised(String text) {
		return Character.toUpperCase(text.charAt(0)) + text.substring(1);
	}

}
