package dev.authgateway.gateway.token;

import java.net.URI;
import java.text.ParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.dpop.verifiers.DPoPIssuer;
import com.nimbusds.oauth2.sdk.dpop.verifiers.DPoPTokenRequestVerifier;
import com.nimbusds.oauth2.sdk.dpop.verifiers.InvalidDPoPProofException;
import com.nimbusds.openid.connect.sdk.Nonce;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import dev.authgateway.support.dpop.DPoPProofKeys;
import dev.authgateway.support.dpop.DPoPProofReplayCache;
import dev.authgateway.support.dpop.DPoPReactiveAuthenticationManager;

import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;

/**
 * DPoP proofs at the token endpoints (RFC 9449 section 4.3), checked by Nimbus: one
 * proof, a JWS of type {@code dpop+jwt} by an asymmetric algorithm with the public key in
 * its header, for this method and this endpoint's public URL, fresh, and never seen
 * before by this instance (the replay cache the API's checks use too), and with a nonce
 * of ours where nonces are required (section 8). Its key's thumbprint is what the tokens
 * are bound to.
 */
@Component
class DPoPProofs {

	/** The token endpoints, each with the URL a proof must name ({@code htu}). */
	static final List<String> TOKEN_ENDPOINTS = List.of("/auth/token", "/auth/token/password", "/auth/token/mfa",
			"/auth/token/mfa/totp/confirm", "/auth/passkeys/token", "/auth/refresh");

	private final Map<String, DPoPTokenRequestVerifier> verifiers;

	private final boolean required;

	private final DPoPNonces nonces;

	DPoPProofs(TokenProperties tokens, DPoPProperties properties, DPoPProofReplayCache seen, DPoPNonces nonces) {
		long maxAge = seen.proofMaxAge().toSeconds();
		long skew = seen.clockSkew().toSeconds();
		String publicUrl = tokens.issuer().replaceAll("/+$", "");
		this.verifiers = TOKEN_ENDPOINTS.stream()
			.collect(Collectors.toUnmodifiableMap(Function.identity(),
					(path) -> new DPoPTokenRequestVerifier(DPoPReactiveAuthenticationManager.ALGORITHMS,
							URI.create(publicUrl + path), skew, maxAge, seen)));
		this.required = properties.required();
		this.nonces = nonces;
	}

	/**
	 * The thumbprint (RFC 7638) of the key the request's proof proves possession of;
	 * empty without a proof, unless one is required. A proof that fails a check is a 400
	 * {@code invalid_dpop_proof}; one without a nonce of ours, where nonces are required,
	 * a 400 {@code use_dpop_nonce} with the nonce to use.
	 */
	Mono<Optional<String>> keyOf(ServerHttpRequest request) {
		if (!request.getHeaders().containsHeader("DPoP")) {
			return Mono.fromCallable(() -> check(request, List.of()));
		}
		Mono<List<String>> nonces = this.nonces.required() ? this.nonces.accepted() : Mono.just(List.of());
		// the signature check costs up to a millisecond (ES256): not on an event loop
		return nonces.flatMap(
				(accepted) -> Mono.fromCallable(() -> check(request, accepted)).subscribeOn(Schedulers.parallel()));
	}

	private Optional<String> check(ServerHttpRequest request, List<String> acceptedNonces) {
		List<String> proofs = request.getHeaders().getOrEmpty("DPoP");
		if (proofs.isEmpty()) {
			if (this.required) {
				throw DPoPProofException.invalid("This server issues DPoP-bound tokens only: send a DPoP proof.");
			}
			return Optional.empty();
		}
		if (proofs.size() > 1) {
			throw DPoPProofException.invalid("Send one DPoP proof.");
		}
		DPoPTokenRequestVerifier verifier = this.verifiers.get(request.getPath().pathWithinApplication().value());
		if (verifier == null || request.getMethod() != HttpMethod.POST) {
			throw DPoPProofException.invalid("This endpoint takes no DPoP proof.");
		}
		try {
			SignedJWT proof = SignedJWT.parse(proofs.get(0));
			if (!DPoPProofKeys.affordable(proof)) {
				throw DPoPProofException.invalid("The DPoP proof's key is larger than this server checks.");
			}
			if (acceptedNonces.isEmpty()) {
				// a public client: no client authentication names the issuer of the proof
				return Optional.of(verifier.verify(new DPoPIssuer("web"), proof).getValue().toString());
			}
			// a missing or stale nonce is asked for before anything else is checked, so
			// the retry it leads to finds the proof's jti unspent
			if (!DPoPNonces.isAccepted(proof.getJWTClaimsSet().getStringClaim("nonce"), acceptedNonces)) {
				throw DPoPProofException.useNonce(acceptedNonces.get(0));
			}
			Set<Nonce> nonces = acceptedNonces.stream().map(Nonce::new).collect(Collectors.toUnmodifiableSet());
			return Optional.of(verifier.verify(new DPoPIssuer("web"), proof, nonces).getValue().toString());
		}
		catch (ParseException ex) {
			throw DPoPProofException.invalid("The DPoP proof is not a JWS this server can read: " + ex.getMessage());
		}
		catch (InvalidDPoPProofException ex) {
			throw DPoPProofException.invalid("The DPoP proof is not valid: " + ex.getMessage());
		}
		catch (JOSEException ex) {
			throw DPoPProofException.invalid("The DPoP proof's signature could not be checked.");
		}
	}

}
