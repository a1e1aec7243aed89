package dev.authgateway.gateway.account;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import reactor.core.publisher.Mono;

import dev.authgateway.gateway.audit.Actor;
import dev.authgateway.gateway.audit.AuditLog;
import dev.authgateway.gateway.mfa.SecondFactors;
import dev.authgateway.gateway.session.UserSessions;
import dev.authgateway.gateway.user.UserDirectory;
import dev.authgateway.gateway.web.ClientAddresses;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The account of the caller: who they are, their password and their sessions. Every
 * request carries an access token of the account itself.
 */
@RestController
@RequestMapping(path = "/auth/account", produces = MediaType.APPLICATION_JSON_VALUE)
class AccountController {

	private final UserDirectory directory;

	private final UserSessions sessions;

	private final AccountPasswordChange passwordChange;

	private final AuditLog audit;

	private final SecondFactors secondFactors;

	private final ClientAddresses addresses;

	AccountController(UserDirectory directory, UserSessions sessions, AccountPasswordChange passwordChange,
			AuditLog audit, SecondFactors secondFactors, ClientAddresses addresses) {
		this.directory = directory;
		this.sessions = sessions;
		this.passwordChange = passwordChange;
		this.audit = audit;
		this.secondFactors = secondFactors;
		this.addresses = addresses;
	}

	@GetMapping
	Mono<Account> account(@AuthenticationPrincipal Jwt token) {
		return this.directory.find(userId(token))
			.zipWith(this.secondFactors.status(userId(token)))
			.map((found) -> new Account(found.getT1().id(), found.getT1().username(), found.getT1().roles(),
					found.getT1().createdAt(), found.getT2().totp(), found.getT2().passkeys(),
					found.getT2().recoveryCodesLeft()))
			.switchIfEmpty(Mono.error(() -> new ResponseStatusException(HttpStatus.UNAUTHORIZED,
					"The account this token was issued for no longer exists.")));
	}

	/**
	 * A new password; the current one is required (a wrong one counts as a failed login),
	 * and every other session of the account ends.
	 */
	@PutMapping(path = "/password", consumes = MediaType.APPLICATION_JSON_VALUE)
	Mono<ResponseEntity<Void>> changePassword(@Valid @RequestBody PasswordUpdate request,
			@AuthenticationPrincipal Jwt token, ServerHttpRequest http) {
		return this.passwordChange.change(token, request, this.addresses.of(http))
			.thenReturn(ResponseEntity.noContent().build());
	}

	@GetMapping("/sessions")
	Mono<List<UserSessions.Session>> sessions(@AuthenticationPrincipal Jwt token) {
		return this.sessions.list(userId(token), sessionId(token));
	}

	@DeleteMapping("/sessions/{id}")
	Mono<ResponseEntity<Void>> endSession(@PathVariable UUID id, @AuthenticationPrincipal Jwt token,
			ServerHttpRequest http) {
		UUID userId = userId(token);
		return this.sessions.end(userId, id, "ended")
			.filter((ended) -> ended)
			.switchIfEmpty(Mono.error(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
					"You have no session with this id that has not ended.")))
			.flatMap((ended) -> this.audit.recordEvent(actor(token, http), "session.ended", userId.toString(),
					"session " + id))
			.thenReturn(ResponseEntity.noContent().build());
	}

	/** Ends every session of the caller but the one this token belongs to. */
	@DeleteMapping("/sessions")
	Mono<ResponseEntity<Void>> endOtherSessions(@AuthenticationPrincipal Jwt token, ServerHttpRequest http) {
		UUID userId = userId(token);
		return this.sessions.endAllBut(userId, sessionId(token), "ended")
			.filter((ended) -> ended > 0)
			.flatMap((ended) -> this.audit.recordEvent(actor(token, http), "session.ended", userId.toString(),
					ended + " other session(s)"))
			.thenReturn(ResponseEntity.noContent().build());
	}

	private Actor actor(Jwt token, ServerHttpRequest http) {
		return Actor.of(token, this.addresses.of(http));
	}

	private static UUID userId(Jwt token) {
		return UUID.fromString(token.getSubject());
	}

	static UUID sessionId(Jwt token) {
		String sid = token.getClaimAsString("sid");
		try {
			return (sid != null) ? UUID.fromString(sid) : null;
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	/** The contract's account: its second factors as the account page shows them. */
	record Account(UUID id, String username, List<String> roles, Instant createdAt, boolean totp, int passkeys,
			int recoveryCodesLeft) {
	}

}
