package dev.authgateway.gateway.token;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import dev.authgateway.gateway.user.PasswordHashing;
import dev.authgateway.gateway.user.User;
import dev.authgateway.gateway.user.UserRepository;

import org.springframework.stereotype.Service;

/** Checks a username and password and issues tokens for the user. */
@Service
class TokenService {

	private static final Logger log = LoggerFactory.getLogger(TokenService.class);

	private final UserRepository users;

	private final PasswordHashing hashing;

	private final AccessTokenIssuer issuer;

	TokenService(UserRepository users, PasswordHashing hashing, AccessTokenIssuer issuer) {
		this.users = users;
		this.hashing = hashing;
		this.issuer = issuer;
	}

	Mono<TokenResponse> login(TokenRequest request) {
		return this.users.findByUsername(request.username())
			.map(Optional::of)
			.defaultIfEmpty(Optional.empty())
			.flatMap((found) -> check(found, request.password()))
			.flatMap((authenticated) -> authenticated.map(this.issuer::issue).orElseGet(() -> {
				log.info("Failed login for username '{}'", request.username().replaceAll("\\p{Cntrl}", "?"));
				return Mono.error(new InvalidCredentialsException());
			}))
			.map(TokenResponse::bearer);
	}

	private Mono<Optional<User>> check(Optional<User> found, String password) {
		if (found.isEmpty()) {
			// an unknown user costs one hash too, so timing does not tell which usernames exist
			return this.hashing.matchesNobody(password).thenReturn(Optional.empty());
		}
		User user = found.get();
		return this.hashing.matches(password, user.passwordHash())
			.map((matches) -> (matches && user.enabled()) ? found : Optional.empty());
	}

}
