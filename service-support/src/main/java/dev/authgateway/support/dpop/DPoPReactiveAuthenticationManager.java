package dev.authgateway.support.dpop;

import java.text.ParseException;
import java.util.Map;
import java.util.Set;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.dpop.JWKThumbprintConfirmation;
import com.nimbusds.oauth2.sdk.dpop.verifiers.AccessTokenValidationException;
import com.nimbusds.oauth2.sdk.dpop.verifiers.DPoPIssuer;
import com.nimbusds.oauth2.sdk.dpop.verifiers.DPoPProtectedResourceRequestVerifier;
import com.nimbusds.oauth2.sdk.dpop.verifiers.InvalidDPoPProofException;
import com.nimbusds.oauth2.sdk.token.DPoPAccessToken;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtReactiveAuthenticationManager;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;

/**
 * Authenticates API requests with DPoP-bound access tokens (RFC 9449 section 7) and with
 * bearer tokens. A DPoP request's token is decoded as any other, then Nimbus checks its
 * proof: {@code typ}, an asymmetric {@code alg}, a public {@code jwk}, the signature,
 * {@code htm}, {@code htu}, the {@code iat} window, a fresh {@code jti}, {@code ath} (the
 * hash of this token) and that the proof's key is the token's {@code cnf.jkt}. A bound
 * token presented as a bearer token is refused (section 7.2), as is an unbound one
 * presented with a proof.
 */
public final class DPoPReactiveAuthenticationManager implements ReactiveAuthenticationManager {

	/** What a browser's WebCrypto can sign with, and the JDK verify. */
	public static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.ES256, JWSAlgorithm.ES384,
			JWSAlgorithm.RS256, JWSAlgorithm.PS256);

	private final ReactiveJwtDecoder decoder;

	private final JwtReactiveAuthenticationManager bearer;

	private final ReactiveJwtAuthenticationConverterAdapter authentication = new ReactiveJwtAuthenticationConverterAdapter(
			new JwtAuthenticationConverter());

	private final DPoPProtectedResourceRequestVerifier verifier;

	/** Tokens decoded by {@code decoder}; proofs as fresh as {@code seen} says. */
	public DPoPReactiveAuthenticationManager(ReactiveJwtDecoder decoder, DPoPProofReplayCache seen) {
		this.decoder = decoder;
		this.bearer = new JwtReactiveAuthenticationManager(decoder);
		this.verifier = new DPoPProtectedResourceRequestVerifier(ALGORITHMS, seen.clockSkew().toSeconds(),
				seen.proofMaxAge().toSeconds(), seen);
	}

	@Override
	public Mono<Authentication> authenticate(Authentication authentication) {
		if (authentication instanceof DPoPAuthenticationToken dpop) {
			// as Spring's own manager: a bad token is the caller's, a JWK set out of
			// reach
			// is this server's
			return this.decoder.decode(dpop.accessToken())
				.onErrorMap(BadJwtException.class, (ex) -> new InvalidBearerTokenException(ex.getMessage(), ex))
				.onErrorMap(JwtException.class, (ex) -> new AuthenticationServiceException(ex.getMessage(), ex))
				// the signature check costs up to a millisecond (ES256): not on an event
				// loop
				.flatMap((jwt) -> Mono.fromCallable(() -> checkProof(dpop, jwt)).subscribeOn(Schedulers.parallel()))
				.flatMap(this.authentication::convert);
		}
		if (authentication instanceof BearerTokenAuthenticationToken) {
			return this.bearer.authenticate(authentication).doOnNext((authenticated) -> {
				if (authenticated.getPrincipal() instanceof Jwt jwt && jwt.hasClaim("cnf")) {
					throw new InvalidBearerTokenException(
							"This token is bound to a DPoP key: send it as Authorization: DPoP with a proof.");
				}
			});
		}
		return Mono.empty();
	}

	private Jwt checkProof(DPoPAuthenticationToken request, Jwt jwt) {
		Map<String, Object> cnf = jwt.getClaimAsMap("cnf");
		Object jkt = (cnf != null) ? cnf.get("jkt") : null;
		if (!(jkt instanceof String thumbprint)) {
			throw invalidProof("This token is not bound to a DPoP key: send it as a bearer token.");
		}
		// fixed descriptions: they end up in the WWW-Authenticate header, and the
		// library's
		// messages repeat what the caller sent
		try {
			SignedJWT proof = SignedJWT.parse(request.proof());
			if (!DPoPProofKeys.affordable(proof)) {
				throw invalidProof("The DPoP proof's key is larger than this server checks.");
			}
			this.verifier.verify(request.method(), request.url(), new DPoPIssuer(clientOf(jwt)), proof,
					new DPoPAccessToken(request.accessToken()),
					new JWKThumbprintConfirmation(new Base64URL(thumbprint)));
			return jwt;
		}
		catch (ParseException ex) {
			throw invalidProof("The DPoP proof is not a JWS this server can read.");
		}
		catch (AccessTokenValidationException ex) {
			throw invalidProof("The DPoP proof is not for this token or was not made with its key.");
		}
		catch (InvalidDPoPProofException ex) {
			throw invalidProof("The DPoP proof is not valid for this request.");
		}
		catch (JOSEException ex) {
			throw invalidProof("The DPoP proof's signature could not be checked.");
		}
	}

	private static String clientOf(Jwt jwt) {
		String client = jwt.getClaimAsString("client_id");
		return (client != null) ? client : "unknown";
	}

	private static OAuth2AuthenticationException invalidProof(String description) {
		return new OAuth2AuthenticationException(new OAuth2Error("invalid_dpop_proof", description, null), description);
	}

}
