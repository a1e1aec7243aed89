package dev.authgateway.gateway.token;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import reactor.core.publisher.Mono;

import dev.authgateway.gateway.session.RefreshTokens;
import dev.authgateway.gateway.user.User;
import dev.authgateway.gateway.user.UserRepository;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

/**
 * RFC 7662 introspection for callers with an access token. A caller without scope
 * {@code admin} learns about its own tokens only; any other token is reported inactive,
 * so the endpoint is no oracle for stolen tokens.
 */
@RestController
class IntrospectionController {

	private static final SimpleGrantedAuthority ADMIN = new SimpleGrantedAuthority("SCOPE_admin");

	private static final Map<String, Object> INACTIVE = Map.of("active", false);

	private final ReactiveJwtDecoder accessTokens;

	private final RefreshTokens refreshTokens;

	private final UserRepository users;

	IntrospectionController(ReactiveJwtDecoder accessTokens, RefreshTokens refreshTokens, UserRepository users) {
		this.accessTokens = accessTokens;
		this.refreshTokens = refreshTokens;
		this.users = users;
	}

	@PostMapping(path = "/auth/introspect", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	Mono<ResponseEntity<Map<String, Object>>> introspect(JwtAuthenticationToken caller, ServerWebExchange exchange) {
		return exchange.getFormData()
			.map(RevocationController::token)
			.flatMap(this::describe)
			.filterWhen((description) -> mayKnow(caller, description))
			.map(Description::claims)
			.defaultIfEmpty(INACTIVE)
			.map((body) -> ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(body));
	}

	private Mono<Description> describe(String token) {
		if (token.indexOf('.') >= 0) {
			return this.accessTokens.decode(token)
				.map(this::describeAccessToken)
				.onErrorResume((ex) -> Mono.empty())
				.flatMap((description) -> whenUserEnabled(description));
		}
		return this.refreshTokens.findActive(token)
			.flatMap((active) -> this.users.findById(active.userId()).filter(User::enabled).map((user) -> {
				Map<String, Object> claims = new LinkedHashMap<>();
				claims.put("active", true);
				claims.put("sub", user.id().toString());
				claims.put("username", user.username());
				claims.put("exp", active.expiresAt().getEpochSecond());
				claims.put("iat", active.issuedAt().getEpochSecond());
				claims.put("scope", String.join(" ", user.role().scopes()));
				claims.put("client_id", active.clientId());
				claims.put("token_type", "refresh_token");
				return new Description(user.id(), claims);
			}));
	}

	private Description describeAccessToken(Jwt jwt) {
		Map<String, Object> claims = new LinkedHashMap<>();
		claims.put("active", true);
		claims.put("sub", jwt.getSubject());
		claims.put("username", jwt.getClaimAsString("preferred_username"));
		claims.put("exp", jwt.getExpiresAt().getEpochSecond());
		claims.put("iat", jwt.getIssuedAt().getEpochSecond());
		claims.put("scope", jwt.getClaimAsString("scope"));
		claims.put("client_id", jwt.getClaimAsString("client_id"));
		Map<String, Object> cnf = jwt.getClaimAsMap("cnf");
		if (cnf != null) {
			// RFC 9449 section 6.2: a resource server that introspects must see the
			// binding
			claims.put("cnf", cnf);
		}
		claims.put("token_type", (cnf != null) ? "DPoP" : "Bearer");
		return new Description(UUID.fromString(jwt.getSubject()), claims);
	}

	/** A disabled user's access tokens still verify, but they are no longer active. */
	private Mono<Description> whenUserEnabled(Description description) {
		return this.users.findById(description.subject()).filter(User::enabled).map((user) -> description);
	}

	/**
	 * The token's own user, or an admin whose account is an enabled admin now (not only
	 * when the token was made).
	 */
	private Mono<Boolean> mayKnow(JwtAuthenticationToken caller, Description description) {
		if (description.subject().toString().equals(caller.getToken().getSubject())) {
			return Mono.just(true);
		}
		return caller.getAuthorities().contains(ADMIN)
				? this.users.isEnabledAdmin(UUID.fromString(caller.getToken().getSubject())) : Mono.just(false);
	}

	private record Description(UUID subject, Map<String, Object> claims) {
	}

}
