package dev.authgateway.gateway.admin;

import java.net.URI;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import reactor.core.publisher.Mono;

import dev.authgateway.gateway.session.UserSessions;
import dev.authgateway.support.text.PlainText;

import dev.authgateway.gateway.audit.Actor;
import dev.authgateway.support.text.PlainTextValidator;
import dev.authgateway.gateway.web.ClientAddresses;
import dev.authgateway.gateway.user.Role;
import dev.authgateway.gateway.user.UserSummary;

import dev.authgateway.support.paging.Page;

import dev.authgateway.support.paging.PageRequest;

import dev.authgateway.support.problem.InvalidRequest;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The admin API for accounts (scope {@code admin}, required for all of /auth/admin by the
 * security configuration).
 */
@RestController
@RequestMapping(path = "/auth/admin/users", produces = MediaType.APPLICATION_JSON_VALUE)
class AdminUsersController {

	private static final int MAX_QUERY_LENGTH = 64;

	private final AdminUsers users;

	private final ClientAddresses addresses;

	AdminUsersController(AdminUsers users, ClientAddresses addresses) {
		this.users = users;
		this.addresses = addresses;
	}

	@GetMapping
	Mono<Page<UserSummary>> search(@RequestParam(name = "q", defaultValue = "") String query,
			@RequestParam(required = false) String page, @RequestParam(required = false) String size) {
		PageRequest request = PageRequest.parse(page, size);
		if (query.length() > MAX_QUERY_LENGTH) {
			throw InvalidRequest.of("q", "must be at most " + MAX_QUERY_LENGTH + " characters");
		}
		if (!PlainTextValidator.isPlain(query, false)) {
			throw InvalidRequest.of("q", "must not contain control characters");
		}
		return this.users.search(query, request);
	}

	@GetMapping("/{id}")
	Mono<UserSummary> user(@PathVariable UUID id) {
		return this.users.find(id);
	}

	/**
	 * A new account whose password is temporary: its user must choose one at the first
	 * log-in. The answer holds the temporary password when none was given.
	 */
	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	Mono<ResponseEntity<Created>> create(@Valid @RequestBody NewUser user, @AuthenticationPrincipal Jwt token,
			ServerHttpRequest request) {
		return this.users
			.create(user.username(), RoleChange.roleOf(user.roles()), user.password(), actor(token, request))
			.map((created) -> ResponseEntity.created(URI.create("/auth/admin/users/" + created.user().id()))
				.cacheControl(CacheControl.noStore())
				.body(Created.of(created, user.password() == null)));
	}

	/** A new temporary password for the user; all their sessions end. */
	@PostMapping("/{id}/password-reset")
	Mono<ResponseEntity<Map<String, String>>> resetPassword(@PathVariable UUID id, @AuthenticationPrincipal Jwt token,
			ServerHttpRequest request) {
		return this.users.resetPassword(id, actor(token, request))
			.map((temporary) -> ResponseEntity.ok()
				.cacheControl(CacheControl.noStore())
				.body(Map.of("temporary_password", temporary)));
	}

	/** Removes the user's second factors, say after they lost their phone and codes. */
	@DeleteMapping("/{id}/mfa")
	Mono<ResponseEntity<Void>> removeSecondFactors(@PathVariable UUID id, @AuthenticationPrincipal Jwt token,
			ServerHttpRequest request) {
		return this.users.removeSecondFactors(id, actor(token, request)).thenReturn(ResponseEntity.noContent().build());
	}

	@GetMapping("/{id}/sessions")
	Mono<List<UserSessions.Session>> sessions(@PathVariable UUID id) {
		return this.users.sessions(id);
	}

	@PostMapping("/{id}/disable")
	Mono<UserSummary> disable(@PathVariable UUID id, @AuthenticationPrincipal Jwt token, ServerHttpRequest request) {
		return this.users.disable(id, actor(token, request));
	}

	@PostMapping("/{id}/enable")
	Mono<UserSummary> enable(@PathVariable UUID id, @AuthenticationPrincipal Jwt token, ServerHttpRequest request) {
		return this.users.enable(id, actor(token, request));
	}

	@PutMapping(path = "/{id}/roles", consumes = MediaType.APPLICATION_JSON_VALUE)
	Mono<UserSummary> changeRoles(@PathVariable UUID id, @RequestBody RoleChange change,
			@AuthenticationPrincipal Jwt token, ServerHttpRequest request) {
		return this.users.changeRole(id, change.role(), actor(token, request));
	}

	@DeleteMapping("/{id}/sessions")
	Mono<Map<String, Long>> revokeSessions(@PathVariable UUID id, @AuthenticationPrincipal Jwt token,
			ServerHttpRequest request) {
		return this.users.revokeSessions(id, actor(token, request)).map((revoked) -> Map.of("revoked", revoked));
	}

	private Actor actor(Jwt token, ServerHttpRequest request) {
		return Actor.of(token, this.addresses.of(request));
	}

	/**
	 * {@code {"roles":["ADMIN"]}}: a user has exactly one role; ADMIN includes everything
	 * USER may do.
	 */
	record RoleChange(List<String> roles) {

		Role role() {
			return roleOf(this.roles);
		}

		static Role roleOf(List<String> roles) {
			if (roles != null && roles.size() == 1) {
				for (Role role : Role.values()) {
					if (role.name().equals(roles.get(0))) {
						return role;
					}
				}
			}
			throw InvalidRequest.of("roles", "must hold exactly one of " + Arrays.toString(Role.values()));
		}

	}

	/** An account an admin creates; without a password, one is made. */
	record NewUser(
			@NotBlank @Size(min = 3, max = 64) @Pattern(regexp = "[A-Za-z0-9._-]*",
					message = "may contain only letters, digits, '.', '_' and '-'") String username,
			List<String> roles, @Size(max = 128) @PlainText String password) {

		@Override
		public String toString() {
			return "NewUser[username=" + this.username + "]";
		}

	}

	/** The account made, with its temporary password when the admin gave none. */
	record Created(UUID id, String username, List<String> roles, boolean enabled, Instant createdAt,
			@JsonProperty("temporary_password") @JsonInclude(JsonInclude.Include.NON_NULL) String temporaryPassword) {

		@Override
		public String toString() {
			// never the temporary password, in a log line or a codec's debug output
			return "Created[id=" + this.id + ", username=" + this.username + "]";
		}

		static Created of(AdminUsers.CreatedUser created, boolean show) {
			UserSummary user = created.user();
			return new Created(user.id(), user.username(), user.roles(), user.enabled(), user.createdAt(),
					show ? created.temporaryPassword() : null);
		}

	}

}
