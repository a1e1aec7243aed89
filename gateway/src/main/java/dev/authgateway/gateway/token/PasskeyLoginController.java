package dev.authgateway.gateway.token;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import reactor.core.publisher.Mono;

import dev.authgateway.gateway.passkey.Passkeys;
import dev.authgateway.gateway.web.ClientAddresses;
import dev.authgateway.support.text.PlainText;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Passkey ceremonies (WebAuthn section 7.2): options for a login with a passkey alone or
 * for the second step of a login a password began, and the login with a passkey's answer.
 */
@RestController
class PasskeyLoginController {

	private final PasskeyLogin passkeyLogin;

	private final TokenResponses responses;

	private final DPoPProofs proofs;

	private final ClientAddresses addresses;

	PasskeyLoginController(PasskeyLogin passkeyLogin, TokenResponses responses, DPoPProofs proofs,
			ClientAddresses addresses) {
		this.proofs = proofs;
		this.passkeyLogin = passkeyLogin;
		this.responses = responses;
		this.addresses = addresses;
	}

	@PostMapping(path = "/auth/passkeys/options", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	Mono<ResponseEntity<Passkeys.LoginOptions>> options(@Valid @RequestBody OptionsRequest request) {
		return this.passkeyLogin.options(request.mfaToken())
			.map((options) -> ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(options));
	}

	@PostMapping(path = "/auth/passkeys/token", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	Mono<ResponseEntity<TokenResponse>> token(@Valid @RequestBody PasskeyTokenRequest request, ServerHttpRequest http) {
		return this.proofs.keyOf(http)
			.flatMap((key) -> this.passkeyLogin.login(request.ceremony(), request.credential().toString(),
					Client.of(http, this.addresses).withDPoPKey(key)))
			.flatMap((issued) -> this.responses.loggedIn(issued, http));
	}

	/** Nothing for a login with a passkey alone; the token of a login's second step. */
	record OptionsRequest(@JsonProperty("mfa_token") @Size(max = 64) @PlainText String mfaToken) {
	}

}
