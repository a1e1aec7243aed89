package dev.authgateway.gateway.account;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import dev.authgateway.gateway.audit.Actor;
import dev.authgateway.gateway.mfa.SecondFactors;
import dev.authgateway.gateway.passkey.Passkey;
import dev.authgateway.gateway.passkey.Passkeys;
import dev.authgateway.gateway.web.ClientAddresses;
import dev.authgateway.support.text.PlainText;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The caller's passkeys (WebAuthn discoverable credentials): registered with options from
 * here and the authenticator's answer, listed, and removed.
 */
@RestController
@RequestMapping(path = "/auth/account/passkeys", produces = MediaType.APPLICATION_JSON_VALUE)
class AccountPasskeyController {

	private final Passkeys passkeys;

	private final SecondFactors secondFactors;

	private final ClientAddresses addresses;

	AccountPasskeyController(Passkeys passkeys, SecondFactors secondFactors, ClientAddresses addresses) {
		this.passkeys = passkeys;
		this.secondFactors = secondFactors;
		this.addresses = addresses;
	}

	@GetMapping
	Mono<List<Passkey>> list(@AuthenticationPrincipal Jwt token) {
		return this.passkeys.list(userId(token)).collectList();
	}

	/** PublicKeyCredentialCreationOptionsJSON for a new passkey of the caller. */
	@PostMapping("/options")
	Mono<ResponseEntity<Map<String, Object>>> options(@AuthenticationPrincipal Jwt token) {
		return this.passkeys.registrationOptions(userId(token), token.getClaimAsString("preferred_username"))
			.map((options) -> ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(options));
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	Mono<ResponseEntity<Passkey>> register(@Valid @RequestBody Registration request, @AuthenticationPrincipal Jwt token,
			ServerHttpRequest http) {
		return this.passkeys
			.register(userId(token), request.name().strip(), request.credential().toString(), actor(token, http))
			.map((passkey) -> ResponseEntity.created(URI.create("/auth/account/passkeys/" + passkey.id()))
				.body(passkey));
	}

	@DeleteMapping("/{id}")
	Mono<ResponseEntity<Void>> remove(@PathVariable UUID id, @AuthenticationPrincipal Jwt token,
			ServerHttpRequest http) {
		return this.secondFactors.removePasskey(userId(token), id, actor(token, http))
			.filter((removed) -> removed)
			.switchIfEmpty(Mono.error(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No such passkey.")))
			.thenReturn(ResponseEntity.noContent().build());
	}

	private static UUID userId(Jwt token) {
		return UUID.fromString(token.getSubject());
	}

	private Actor actor(Jwt token, ServerHttpRequest http) {
		return Actor.of(token, this.addresses.of(http));
	}

	/** A name the user chose and the authenticator's RegistrationResponseJSON. */
	record Registration(@NotBlank @Size(max = 64) @PlainText String name, @NotNull JsonNode credential) {
	}

}
