package dev.authgateway.support.dpop;

import java.time.Duration;

import com.nimbusds.oauth2.sdk.dpop.verifiers.DPoPProofUse;
import com.nimbusds.oauth2.sdk.dpop.verifiers.InMemoryDPoPSingleUseChecker;
import com.nimbusds.oauth2.sdk.util.singleuse.AlreadyUsedException;
import com.nimbusds.oauth2.sdk.util.singleuse.SingleUseChecker;

import org.springframework.beans.factory.DisposableBean;

/**
 * How fresh a DPoP proof must be, and the proofs this instance has accepted, by issuer
 * and {@code jti}, each remembered for as long as it could be accepted (RFC 9449 section
 * 11.1). In memory: another instance does not know them.
 */
public final class DPoPProofReplayCache implements SingleUseChecker<DPoPProofUse>, DisposableBean {

	private final InMemoryDPoPSingleUseChecker seen;

	private final Duration proofMaxAge;

	private final Duration clockSkew;

	/**
	 * @param proofMaxAge how old a proof's {@code iat} may be
	 * @param clockSkew how far ahead of this server's clock it may be
	 */
	public DPoPProofReplayCache(Duration proofMaxAge, Duration clockSkew) {
		this.proofMaxAge = proofMaxAge;
		this.clockSkew = clockSkew;
		this.seen = new InMemoryDPoPSingleUseChecker(proofMaxAge.plus(clockSkew).toSeconds(), 60);
	}

	public Duration proofMaxAge() {
		return this.proofMaxAge;
	}

	public Duration clockSkew() {
		return this.clockSkew;
	}

	@Override
	public void markAsUsed(DPoPProofUse use) throws AlreadyUsedException {
		this.seen.markAsUsed(use);
	}

	@Override
	public void destroy() {
		this.seen.shutdown();
	}

}
