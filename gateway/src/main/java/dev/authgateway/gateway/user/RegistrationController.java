package dev.authgateway.gateway.user;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.Valid;
import reactor.core.publisher.Mono;

import dev.authgateway.gateway.web.ClientAddresses;
import dev.authgateway.gateway.throttle.LoginThrottle;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Self-service sign-up, when {@code registration.enabled} is on. New users get the USER
 * role. Attempts count against the caller's address like failed logins, so the endpoint
 * cannot be used to mass-create accounts or to probe usernames quickly (the 409 for a
 * taken name is the one thing it must reveal).
 */
@RestController
class RegistrationController {

	private final RegistrationProperties properties;

	private final PasswordPolicy policy;

	private final PasswordHashing hashing;

	private final UserRepository users;

	private final LoginThrottle throttle;

	private final ClientAddresses addresses;

	RegistrationController(RegistrationProperties properties, PasswordPolicy policy, PasswordHashing hashing,
			UserRepository users, LoginThrottle throttle, ClientAddresses addresses) {
		this.properties = properties;
		this.policy = policy;
		this.hashing = hashing;
		this.users = users;
		this.throttle = throttle;
		this.addresses = addresses;
	}

	@PostMapping(path = "/auth/register", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	Mono<ResponseEntity<Map<String, String>>> register(@Valid @RequestBody RegistrationRequest request,
			ServerHttpRequest http) {
		if (!this.properties.enabled()) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "Registration is not enabled.");
		}
		this.policy.violation(request.username(), request.password()).ifPresent((reason) -> {
			throw invalidPassword(reason);
		});
		UUID id = UUID.randomUUID();
		return this.throttle.reserveRegistration(this.addresses.of(http))
			.then(this.hashing.hash(request.password()))
			.flatMap((hash) -> this.users.insertIfAbsent(id, request.username(), hash, Role.USER.name()))
			.map((inserted) -> {
				if (inserted == 0) {
					throw new ResponseStatusException(HttpStatus.CONFLICT, "This username is taken.");
				}
				return ResponseEntity.created(URI.create("/auth/users/" + id))
					.body(Map.of("id", id.toString(), "username", request.username()));
			});
	}

	private static ErrorResponseException invalidPassword(String reason) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"The password does not meet the policy.");
		problem.setTitle("Invalid request");
		problem.setProperty("errors", List.of(Map.of("field", "password", "message", reason)));
		return new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
	}

}
