package dev.authgateway.gateway.token;

import java.util.Optional;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import dev.authgateway.gateway.audit.Actor;
import dev.authgateway.gateway.audit.AuditLog;
import dev.authgateway.gateway.session.RefreshTokenRejectedException;
import dev.authgateway.gateway.session.RefreshTokenReusedException;
import dev.authgateway.gateway.session.RefreshTokens;
import dev.authgateway.gateway.throttle.LoginThrottle;
import dev.authgateway.gateway.throttle.TooManyAttemptsException;
import dev.authgateway.gateway.user.PasswordHashing;
import dev.authgateway.gateway.user.Role;
import dev.authgateway.gateway.user.User;
import dev.authgateway.gateway.user.UserRepository;

import org.springframework.stereotype.Service;

/** Logs users in with a password and refreshes their sessions. */
@Service
class TokenService {

	private static final Logger log = LoggerFactory.getLogger(TokenService.class);

	private final UserRepository users;

	private final PasswordHashing hashing;

	private final AccessTokenIssuer issuer;

	private final RefreshTokens refreshTokens;

	private final LoginThrottle throttle;

	private final AuditLog audit;

	private final LoginSessions sessions;

	private final PasswordChangeTokens changeTokens;

	private final Outcomes logins;

	private final Outcomes refreshes;

	TokenService(UserRepository users, PasswordHashing hashing, AccessTokenIssuer issuer, RefreshTokens refreshTokens,
			LoginThrottle throttle, AuditLog audit, LoginSessions sessions, PasswordChangeTokens changeTokens,
			MeterRegistry meters) {
		this.users = users;
		this.hashing = hashing;
		this.issuer = issuer;
		this.refreshTokens = refreshTokens;
		this.throttle = throttle;
		this.audit = audit;
		this.sessions = sessions;
		this.changeTokens = changeTokens;
		this.logins = new Outcomes(meters, "authgateway.logins", "Password logins by outcome");
		this.refreshes = new Outcomes(meters, "authgateway.refreshes", "Refresh token grants by outcome");
	}

	/**
	 * Checks the password once the throttle has reserved the attempt (a 429 when it says
	 * wait); the reservation stands as a failure unless the password was right.
	 */
	Mono<IssuedTokens> login(TokenRequest request, Client client) {
		return this.logins.count(checkPassword(request, client));
	}

	private Mono<IssuedTokens> checkPassword(TokenRequest request, Client client) {
		String username = request.username();
		String address = client.address();
		return this.throttle.reserveLogin(username, address)
			.onErrorResume(TooManyAttemptsException.class,
					(ex) -> this.audit
						.recordEvent(Actor.unknown(TypedNames.pseudonym(username), address), "login.throttled", "-")
						.then(Mono.error(ex)))
			.flatMap((reservation) -> {
				Mono<Checked> checked = this.users.findByUsername(username)
					.map(Optional::of)
					.defaultIfEmpty(Optional.empty())
					.flatMap((found) -> check(found, request.password()).map((user) -> new Checked(found, user)))
					// a password never checked (the server busy, the database failing)
					// counts
					// for nothing
					.onErrorResume(
							(ex) -> this.throttle.loginUnchecked(reservation).onErrorComplete().then(Mono.error(ex)));
				return checked.flatMap((result) -> result.authenticated()
					// whether a second factor is still to come, asked once for this login
					.map((user) -> this.sessions.secondFactors(user)
						.flatMap((factors) -> passwordAccepted(factors.on(), reservation)
							.then(this.audit.recordEvent(actorOf(user, address), "login.succeeded",
									user.id().toString()))
							.then(upgradeHash(user, request.password()))
							.then(user.passwordTemporary() ? requirePasswordChange(user)
									: this.sessions.afterPassword(user, client, factors))))
					.orElseGet(() -> {
						// never the typed name: it is often a password typed in the wrong
						// field
						log.info("Failed login for {} from {}",
								result.found()
									.map((user) -> "user " + user.id())
									.orElseGet(() -> TypedNames.pseudonym(username)),
								address);
						Actor actor = result.found()
							.map((user) -> actorOf(user, address))
							.orElseGet(() -> Actor.unknown(TypedNames.pseudonym(username), address));
						String target = result.found().map((user) -> user.id().toString()).orElse("-");
						return this.audit.recordEvent(actor, "login.failed", target)
							.then(Mono.error(new InvalidCredentialsException()));
					}));
			});
	}

	/**
	 * A right password ends the count of failures at this address, unless a second factor
	 * is still to come: its wrong codes go into the same count, which a right password
	 * must not wipe before each new round of guesses. The attempt is given back either
	 * way.
	 */
	private Mono<Void> passwordAccepted(boolean secondFactor, LoginThrottle.Reservation reservation) {
		return secondFactor ? this.throttle.loginUnchecked(reservation) : this.throttle.loginSucceeded(reservation);
	}

	private static Actor actorOf(User user, String address) {
		return new Actor(user.id(), user.username(), address);
	}

	/**
	 * When the password encoder's settings have changed since the stored hash was made,
	 * the password just checked is hashed again with today's settings. A failure to do so
	 * (the hashing queue full) leaves the old hash, to be upgraded at a later login.
	 */
	private Mono<Void> upgradeHash(User user, String password) {
		if (!this.hashing.needsUpgrade(user.passwordHash())) {
			return Mono.empty();
		}
		return this.hashing.hash(password)
			.flatMap((upgraded) -> this.users.replacePasswordHash(user.id(), user.passwordHash(), upgraded))
			.doOnNext((rows) -> log.info("Password hash of user {} upgraded to the current settings", user.id()))
			.then()
			.onErrorResume((ex) -> {
				log.warn("Password hash of user {} not upgraded this time: {}", user.id(), ex.toString());
				return Mono.empty();
			});
	}

	/** Whom the name found, and who is logged in: empty unless the password was right. */
	private record Checked(Optional<User> found, Optional<User> authenticated) {
	}

	/**
	 * Spends the refresh token and issues a new pair; a disabled user's session ends
	 * here. A session bound to a DPoP key needs a proof by that key.
	 */
	Mono<IssuedTokens> refresh(String refreshToken, String address, java.util.Optional<String> dpopJkt) {
		return this.refreshes.count(rotate(refreshToken, dpopJkt.orElse(null)).onErrorResume(
				RefreshTokenReusedException.class,
				(reused) -> this.audit
					.recordEvent(new Actor(reused.userId(), null, address), "refresh.reuse_detected",
							reused.familyId().toString())
					.then(Mono.error(reused))));
	}

	private Mono<IssuedTokens> rotate(String refreshToken, String dpopJkt) {
		return this.refreshTokens.rotate(refreshToken, dpopJkt).flatMap((rotation) -> {
			RefreshTokens.Account account = rotation.account();
			if (!account.enabled()) {
				return this.refreshTokens.revokeAllOf(account.userId(), "disabled")
					.then(Mono.error(new RefreshTokenRejectedException()));
			}
			return this.issuer
				.issue(account.userId(), account.username(), Role.valueOf(account.role()), rotation.session())
				.map((access) -> new IssuedTokens(access, rotation.next()));
		});
	}

	/** A temporary password only lets its user choose a new one. */
	private Mono<IssuedTokens> requirePasswordChange(User user) {
		return this.changeTokens.issue(user.id())
			.flatMap((changeToken) -> Mono.error(new PasswordChangeRequiredException(changeToken)));
	}

	private Mono<Optional<User>> check(Optional<User> found, String password) {
		if (found.isEmpty()) {
			// an unknown user costs one hash too, so timing does not tell which usernames
			// exist
			return this.hashing.matchesNobody(password).thenReturn(Optional.empty());
		}
		User user = found.get();
		return this.hashing.matches(password, user.passwordHash())
			.map((matches) -> (matches && user.enabled()) ? found : Optional.empty());
	}

}
