package dev.authgateway.support.dpop;

import java.time.Duration;

import com.nimbusds.oauth2.sdk.dpop.verifiers.DPoPProofUse;
import com.nimbusds.oauth2.sdk.dpop.verifiers.InMemoryDPoPSingleUseChecker;
import com.nimbusds.oauth2.sdk.util.singleuse.AlreadyUsedException;
import com.nimbusds.oauth2.sdk.util.singleuse.SingleUseChecker;

import org.springframework.beans.factory.DisposableBean;

/**
 * The DPoP proofs this instance has accepted, by issuer and {@code jti}, each remembered
 * for as long as it could be accepted (RFC 9449 section 11.1). In memory: another
 * instance does not know them.
 */
public final class DPoPProofReplayCache implements SingleUseChecker<DPoPProofUse>, DisposableBean {

	private final InMemoryDPoPSingleUseChecker seen;

	/** For proofs accepted while at most {@code window} old. */
	public DPoPProofReplayCache(Duration window) {
		this.seen = new InMemoryDPoPSingleUseChecker(window.toSeconds(), 60);
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
