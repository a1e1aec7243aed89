package dev.authgateway.support.dpop;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;

/**
 * The keys a DPoP proof may carry before its signature is checked: the caller chooses the
 * key, and an RSA key's size decides what its check costs.
 */
public final class DPoPProofKeys {

	/** RSA keys up to this size: WebCrypto's and every client library's usual ones. */
	public static final int MAX_RSA_BITS = 4096;

	private DPoPProofKeys() {
	}

	/** Whether the proof's key costs no more to check than a usual one. */
	public static boolean affordable(SignedJWT proof) {
		JWK key = proof.getHeader().getJWK();
		return !(key instanceof RSAKey rsa) || rsa.size() <= MAX_RSA_BITS;
	}

}
