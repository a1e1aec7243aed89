package dev.authgateway.support.token;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSecurityContextJWKSet;
import com.nimbusds.jose.proc.JWKSecurityContext;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jwt.proc.ConfigurableJWTProcessor;

import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;

/**
 * The rules every access token must meet, wherever it is checked (the resource service,
 * and the gateway for its own endpoints and before forwarding /api): the RFC 9068
 * profile, with these choices.
 * <ul>
 * <li>{@code typ} exactly {@code at+jwt}: Spring Security 7 accepts {@code JWT} or no
 * {@code typ} by default, and its RFC 9068 builder also {@code application/at+jwt}.</li>
 * <li>{@code exp} and {@code iat} present and checked with the given clock skew; an
 * {@code iat} in the future (Spring checks only {@code exp} and {@code nbf}) means a
 * broken or forged issuer.</li>
 * <li>{@code sub} a user id (a UUID), {@code jti} and {@code client_id} present,
 * {@code iss} and {@code aud} as configured.</li>
 * <li>Signed with RS256 or ES256, nothing else.</li>
 * </ul>
 */
public final class AccessTokenRules {

	public static final String TYPE = "at+jwt";

	/**
	 * How far {@code exp} and {@code iat} may be off between the issuer's clock and a
	 * verifier's, unless a service is told otherwise.
	 */
	public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(30);

	private AccessTokenRules() {
	}

	public static OAuth2TokenValidator<Jwt> validator(String issuer, String audience, Duration clockSkew) {
		JwtTimestampValidator timestamps = new JwtTimestampValidator(clockSkew);
		return JwtValidators.createAtJwtValidator().issuer(issuer).audience(audience).validators((validators) -> {
			validators.put("typ", new JwtTypeValidator(TYPE));
			validators.put(JwtClaimNames.EXP, all(present(JwtClaimNames.EXP), timestamps));
			validators.put(JwtClaimNames.IAT,
					all(present(JwtClaimNames.IAT), timestamps, new JwtClaimValidator<Instant>(JwtClaimNames.IAT,
							(issuedAt) -> issuedAt != null && !issuedAt.isAfter(Instant.now().plus(clockSkew)))));
			validators.put(JwtClaimNames.SUB,
					new JwtClaimValidator<String>(JwtClaimNames.SUB, AccessTokenRules::isUuid));
			validators.put("client_id", present("client_id"));
		}).build();
	}

	/**
	 * For {@code NimbusReactiveJwtDecoder}'s {@code jwtProcessorCustomizer}: RS256 and
	 * ES256 only.
	 */
	public static Consumer<ConfigurableJWTProcessor<JWKSecurityContext>> signatureAlgorithms() {
		return (processor) -> processor.setJWSKeySelector(new JWSVerificationKeySelector<>(
				Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256), new JWKSecurityContextJWKSet()));
	}

	private static OAuth2TokenValidator<Jwt> present(String claim) {
		return new JwtClaimValidator<Object>(claim, Objects::nonNull);
	}

	@SafeVarargs
	private static OAuth2TokenValidator<Jwt> all(OAuth2TokenValidator<Jwt>... validators) {
		return new DelegatingOAuth2TokenValidator<>(validators);
	}

	private static boolean isUuid(String subject) {
		if (subject == null) {
			return false;
		}
		try {
			return UUID.fromString(subject).toString().equals(subject);
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

}
