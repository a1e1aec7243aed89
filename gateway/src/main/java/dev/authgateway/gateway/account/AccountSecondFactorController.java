package dev.authgateway.gateway.account;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import reactor.core.publisher.Mono;

import dev.authgateway.gateway.audit.Actor;
import dev.authgateway.gateway.mfa.SecondFactors;
import dev.authgateway.gateway.web.ClientAddresses;
import dev.authgateway.support.problem.InvalidRequest;
import dev.authgateway.support.text.PlainText;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The caller's second factor: an authenticator app (RFC 6238 TOTP), set up with a secret
 * and confirmed by its first code, and the recovery codes that come with it. Secrets and
 * codes are answered once and never cached.
 */
@RestController
@RequestMapping(path = "/auth/account", produces = MediaType.APPLICATION_JSON_VALUE)
class AccountSecondFactorController {

	private final SecondFactors secondFactors;

	private final ClientAddresses addresses;

	AccountSecondFactorController(SecondFactors secondFactors, ClientAddresses addresses) {
		this.secondFactors = secondFactors;
		this.addresses = addresses;
	}

	@PostMapping("/totp")
	Mono<ResponseEntity<Enrolment>> startTotp(@AuthenticationPrincipal Jwt token) {
		return this.secondFactors
			.startTotp(UUID.fromString(token.getSubject()), token.getClaimAsString("preferred_username"))
			.map((enrolment) -> noStore(new Enrolment(enrolment.secret(), enrolment.otpauthUri())));
	}

	@PostMapping(path = "/totp/confirm", consumes = MediaType.APPLICATION_JSON_VALUE)
	Mono<ResponseEntity<RecoveryCodes>> confirmTotp(@Valid @RequestBody Code request,
			@AuthenticationPrincipal Jwt token, ServerHttpRequest http) {
		return this.secondFactors.confirmTotp(UUID.fromString(token.getSubject()), request.code(), actor(token, http))
			.switchIfEmpty(Mono.error(() -> InvalidRequest.of("code",
					"is not the authenticator's current code; check the device's clock, or set it up again")))
			.map((codes) -> noStore(new RecoveryCodes(codes)));
	}

	@DeleteMapping("/totp")
	Mono<ResponseEntity<Void>> removeTotp(@AuthenticationPrincipal Jwt token, ServerHttpRequest http) {
		return this.secondFactors.removeTotp(UUID.fromString(token.getSubject()), actor(token, http))
			.thenReturn(ResponseEntity.noContent().build());
	}

	@PostMapping("/recovery-codes")
	Mono<ResponseEntity<RecoveryCodes>> replaceRecoveryCodes(@AuthenticationPrincipal Jwt token,
			ServerHttpRequest http) {
		return this.secondFactors.replaceRecoveryCodes(UUID.fromString(token.getSubject()), actor(token, http))
			.map((codes) -> noStore(new RecoveryCodes(codes)));
	}

	private Actor actor(Jwt token, ServerHttpRequest http) {
		return Actor.of(token, this.addresses.of(http));
	}

	private static <T> ResponseEntity<T> noStore(T body) {
		return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(body);
	}

	/** A new authenticator's secret, as text and as the URI a QR code holds. */
	record Enrolment(String secret, @JsonProperty("otpauth_uri") String otpauthUri) {

		@Override
		public String toString() {
			// never the secret, in a log line or a codec's debug output
			return "Enrolment[]";
		}

	}

	/** Recovery codes, shown this once. */
	record RecoveryCodes(@JsonProperty("recovery_codes") List<String> codes) {

		@Override
		public String toString() {
			return "RecoveryCodes[" + this.codes.size() + "]";
		}

	}

	/** The authenticator's code that confirms it was set up right. */
	record Code(@JsonProperty("code") @NotBlank @Size(max = 16) @PlainText String code) {
	}

}
