package dev.authgateway.gateway.token;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import reactor.core.publisher.Mono;

import dev.authgateway.gateway.passkey.Passkeys;
import dev.authgateway.support.text.PlainText;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Starts a passkey ceremony (WebAuthn section 7.2): for a login with a passkey alone, or
 * for the second step of a login that a password began.
 */
@RestController
class PasskeyOptionsController {

	private final PasskeyLogin passkeyLogin;

	PasskeyOptionsController(PasskeyLogin passkeyLogin) {
		this.passkeyLogin = passkeyLogin;
	}

	@PostMapping(path = "/auth/passkeys/options", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	Mono<ResponseEntity<Passkeys.LoginOptions>> options(@Valid @RequestBody OptionsRequest request) {
		return this.passkeyLogin.options(request.mfaToken())
			.map((options) -> ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(options));
	}

	/** Nothing for a login with a passkey alone; the token of a login's second step. */
	record OptionsRequest(@JsonProperty("mfa_token") @Size(max = 64) @PlainText String mfaToken) {
	}

}
