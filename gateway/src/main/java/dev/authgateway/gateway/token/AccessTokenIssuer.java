package dev.authgateway.gateway.token;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import dev.authgateway.support.token.AccessTokenRules;
import dev.authgateway.gateway.key.SigningKeys;
import dev.authgateway.gateway.session.SessionFacts;
import dev.authgateway.gateway.user.Role;
import dev.authgateway.gateway.user.User;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.stereotype.Component;

/**
 * Signs RFC 9068 access tokens with the active key (RS256 or ES256, whichever the key is
 * for). An RS256 signature costs 1.2 to 1.8 ms of processor time on two small cores
 * (docs/design.md, "Signing"), so signing runs on a bounded scheduler of its own, one
 * thread per core: not on the database's event loop that answers a refresh, where it
 * would hold up every other connection's answers for that long.
 */
@Component
class AccessTokenIssuer implements DisposableBean {

	private final SigningKeys keys;

	private final TokenProperties properties;

	private final Clock clock;

	private final Counter issued;

	private final Scheduler signing = Schedulers.newParallel("token-signing",
			Runtime.getRuntime().availableProcessors(), true);

	private volatile KeyedEncoder encoder;

	AccessTokenIssuer(SigningKeys keys, TokenProperties properties, Clock clock, MeterRegistry meters) {
		this.keys = keys;
		this.properties = properties;
		this.clock = clock;
		this.issued = Counter.builder("authgateway.tokens.issued")
			.description("Access tokens signed (at login and at every refresh)")
			.register(meters);
	}

	String clientId() {
		return this.properties.clientId();
	}

	Mono<IssuedToken> issue(User user, SessionFacts session) {
		return issue(user.id(), user.username(), user.role(), session);
	}

	Mono<IssuedToken> issue(UUID userId, String username, Role role, SessionFacts session) {
		return this.keys.active()
			.publishOn(this.signing)
			.map((key) -> sign(key, userId, username, role, session))
			.doOnNext((token) -> this.issued.increment());
	}

	private IssuedToken sign(JWK key, UUID userId, String username, Role role, SessionFacts session) {
		Instant now = this.clock.instant();
		Instant expiresAt = now.plus(this.properties.accessTokenLifetime());
		List<String> scopes = role.scopes();
		JwtClaimsSet claims = JwtClaimsSet.builder()
			.issuer(this.properties.issuer())
			.subject(userId.toString())
			.audience(List.of(this.properties.audience()))
			.issuedAt(now)
			.expiresAt(expiresAt)
			.id(UUID.randomUUID().toString())
			.claim("preferred_username", username)
			.claim("client_id", this.properties.clientId())
			.claim("scope", String.join(" ", scopes))
			.claim("roles", List.of(role.name()))
			// the session (refresh family) and the authentication that started it, the
			// same at every refresh
			.claim("sid", session.id().toString())
			.claim("auth_time", session.authTime().getEpochSecond())
			.claim("amr", session.amr())
			.claims((all) -> {
				if (session.dpopJkt() != null) {
					// RFC 9449 section 6.1: bound to the key whose proof came with the
					// login
					all.put("cnf", java.util.Map.of("jkt", session.dpopJkt()));
				}
			})
			.build();
		JwsHeader header = JwsHeader.with(SignatureAlgorithm.from(key.getAlgorithm().getName()))
			.keyId(key.getKeyID())
			.type(AccessTokenRules.TYPE)
			.build();
		String token = encoderFor(key).encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
		return new IssuedToken(token, this.properties.accessTokenLifetime().toSeconds(), String.join(" ", scopes),
				(session.dpopJkt() != null) ? "DPoP" : "Bearer");
	}

	/**
	 * An encoder bound to exactly this key. Kept while the key is the same object (the
	 * keys are reloaded every minute): a new encoder makes a new signer, which decodes
	 * the private key again, a few percent of a refresh.
	 */
	private NimbusJwtEncoder encoderFor(JWK key) {
		KeyedEncoder current = this.encoder;
		if (current == null || current.key() != key) {
			current = new KeyedEncoder(key, new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(key))));
			this.encoder = current;
		}
		return current.encoder();
	}

	@Override
	public void destroy() {
		this.signing.dispose();
	}

	private record KeyedEncoder(JWK key, NimbusJwtEncoder encoder) {
	}

	/** A signed access token; {@code tokenType} is DPoP for a bound one (RFC 9449 5). */
	record IssuedToken(String value, long expiresIn, String scope, String tokenType) {
	}

}
