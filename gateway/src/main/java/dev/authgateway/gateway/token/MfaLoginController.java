package dev.authgateway.gateway.token;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import reactor.core.publisher.Mono;

import dev.authgateway.gateway.web.ClientAddresses;
import dev.authgateway.support.text.PlainText;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The steps after a right password that is not enough: a second factor the account has,
 * or the set-up of a first one that its role requires.
 */
@RestController
@RequestMapping(path = "/auth/token/mfa", produces = MediaType.APPLICATION_JSON_VALUE)
class MfaLoginController {

	private final MfaLogin mfaLogin;

	private final MfaEnrolment enrolment;

	private final TokenResponses responses;

	private final DPoPProofs proofs;

	private final ClientAddresses addresses;

	MfaLoginController(MfaLogin mfaLogin, MfaEnrolment enrolment, TokenResponses responses, DPoPProofs proofs,
			ClientAddresses addresses) {
		this.proofs = proofs;
		this.mfaLogin = mfaLogin;
		this.enrolment = enrolment;
		this.responses = responses;
		this.addresses = addresses;
	}

	/**
	 * A TOTP code, a recovery code or a passkey's answer, with the first step's token.
	 */
	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	Mono<ResponseEntity<TokenResponse>> secondStep(@Valid @RequestBody MfaRequest request, ServerHttpRequest http) {
		return this.proofs.keyOf(http)
			.flatMap((key) -> this.mfaLogin.complete(request, Client.of(http, this.addresses).withDPoPKey(key)))
			.flatMap((issued) -> this.responses.loggedIn(issued, http));
	}

	/** A new authenticator's secret for a user whose role requires one. */
	@PostMapping(path = "/totp", consumes = MediaType.APPLICATION_JSON_VALUE)
	Mono<ResponseEntity<TotpSecret>> startTotp(@Valid @RequestBody EnrolmentStart request) {
		return this.enrolment.startTotp(request.mfaToken())
			.map((secret) -> ResponseEntity.ok()
				.cacheControl(CacheControl.noStore())
				.body(new TotpSecret(secret.secret(), secret.otpauthUri())));
	}

	/**
	 * The authenticator's first code: it is on, and the login completes with the tokens
	 * and the recovery codes.
	 */
	@PostMapping(path = "/totp/confirm", consumes = MediaType.APPLICATION_JSON_VALUE)
	Mono<ResponseEntity<TokenResponse>> confirmTotp(@Valid @RequestBody EnrolmentConfirmation request,
			ServerHttpRequest http) {
		return this.proofs.keyOf(http)
			.flatMap((key) -> this.enrolment.confirmTotp(request.mfaToken(), request.code(),
					Client.of(http, this.addresses).withDPoPKey(key)))
			.flatMap((enrolled) -> this.responses.loggedIn(enrolled.tokens(), http)
				.map((response) -> ResponseEntity.status(response.getStatusCode())
					.headers(response.getHeaders())
					.body(response.getBody().withRecoveryCodes(enrolled.recoveryCodes()))));
	}

	record EnrolmentStart(@JsonProperty("mfa_token") @NotBlank @Size(max = 64) @PlainText String mfaToken) {
	}

	record EnrolmentConfirmation(@JsonProperty("mfa_token") @NotBlank @Size(max = 64) @PlainText String mfaToken,
			@NotBlank @Size(max = 16) @PlainText String code) {
	}

	/** A new authenticator's secret, as text and as the URI a QR code holds. */
	record TotpSecret(String secret, @JsonProperty("otpauth_uri") String otpauthUri) {

		@Override
		public String toString() {
			return "TotpSecret[]";
		}

	}

}
