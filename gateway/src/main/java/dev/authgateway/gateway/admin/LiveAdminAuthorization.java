package dev.authgateway.gateway.admin;

import java.util.UUID;

import reactor.core.publisher.Mono;

import dev.authgateway.gateway.user.UserRepository;

import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authorization.ReactiveAuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.server.authorization.AuthorizationContext;
import org.springframework.stereotype.Component;

/**
 * Who may use the admin API: a token with scope {@code admin} whose account is, right
 * now, enabled and an admin. The token alone is not enough: it was issued before any
 * later change to the account, so an admin who was disabled or demoted must lose the API
 * on their next request, not when the token expires.
 */
@Component
public class LiveAdminAuthorization implements ReactiveAuthorizationManager<AuthorizationContext> {

	private static final String ADMIN_SCOPE = "SCOPE_admin";

	private final UserRepository users;

	LiveAdminAuthorization(UserRepository users) {
		this.users = users;
	}

	@Override
	public Mono<AuthorizationResult> authorize(Mono<Authentication> authentication, AuthorizationContext context) {
		return authentication.filter(Authentication::isAuthenticated)
			.filter((caller) -> caller.getAuthorities().stream().anyMatch((a) -> ADMIN_SCOPE.equals(a.getAuthority())))
			.filter(JwtAuthenticationToken.class::isInstance)
			.flatMap((caller) -> this.users.isEnabledAdmin(subject((JwtAuthenticationToken) caller)))
			.map((live) -> (AuthorizationResult) new AuthorizationDecision(live))
			.defaultIfEmpty(new AuthorizationDecision(false));
	}

	private static UUID subject(JwtAuthenticationToken caller) {
		return UUID.fromString(caller.getToken().getSubject());
	}

}
