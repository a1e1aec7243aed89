package dev.authgateway.gateway.token;

import java.time.Instant;
import java.util.List;

import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** How long a DPoP nonce is good for, and whose nonces are good at all. */
class DPoPNoncesTests {

	private static final SecretKeySpec KEY = DPoPNonces.newSecret();

	private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

	@Test
	void aNonceIsAcceptedInItsOwnWindowAndTheNextOnly() {
		String handedOut = DPoPNonces.accepted(KEY, START, 60).get(0);

		assertThat(DPoPNonces.isAccepted(handedOut, DPoPNonces.accepted(KEY, START.plusSeconds(59), 60))).isTrue();
		assertThat(DPoPNonces.isAccepted(handedOut, DPoPNonces.accepted(KEY, START.plusSeconds(119), 60))).isTrue();
		assertThat(DPoPNonces.isAccepted(handedOut, DPoPNonces.accepted(KEY, START.plusSeconds(120), 60))).isFalse();
	}

	@Test
	void aNonceMadeWithAnotherKeyIsRefused() {
		String foreign = DPoPNonces.accepted(DPoPNonces.newSecret(), START, 60).get(0);

		assertThat(DPoPNonces.isAccepted(foreign, DPoPNonces.accepted(KEY, START, 60))).isFalse();
		assertThat(DPoPNonces.isAccepted(null, List.of(foreign))).isFalse();
	}

}
