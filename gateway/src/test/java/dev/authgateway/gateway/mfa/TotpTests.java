package dev.authgateway.gateway.mfa;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The codes of RFC 6238's test vectors (SHA-1), cut to six digits. */
class TotpTests {

	private static final byte[] SECRET = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

	@Test
	void theCodesAreThoseOfTheRfcTestVectors() {
		assertThat(Totp.code(SECRET, Totp.stepAt(Instant.ofEpochSecond(59)))).isEqualTo("287082");
		assertThat(Totp.code(SECRET, Totp.stepAt(Instant.ofEpochSecond(1111111109)))).isEqualTo("081804");
		assertThat(Totp.code(SECRET, Totp.stepAt(Instant.ofEpochSecond(2000000000)))).isEqualTo("279037");
	}

	@Test
	void aCodeMatchesItsOwnStepAndOneEitherSideButNoFurther() {
		Instant now = Instant.ofEpochSecond(1111111109);
		long step = Totp.stepAt(now);

		assertThat(Totp.matchingStep(SECRET, Totp.code(SECRET, step), now)).isEqualTo(step);
		assertThat(Totp.matchingStep(SECRET, Totp.code(SECRET, step - 1), now)).isEqualTo(step - 1);
		assertThat(Totp.matchingStep(SECRET, Totp.code(SECRET, step + 1), now)).isEqualTo(step + 1);
		assertThat(Totp.matchingStep(SECRET, Totp.code(SECRET, step + 2), now)).isEqualTo(-1);
		assertThat(Totp.matchingStep(SECRET, "12345", now)).isEqualTo(-1);
		assertThat(Totp.matchingStep(SECRET, null, now)).isEqualTo(-1);
	}

	@Test
	void secretsAreWrittenInBase32AsAuthenticatorAppsReadThem() {
		assertThat(Base32.encode(SECRET)).isEqualTo("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
		assertThat(Base32.encode(new byte[] { (byte) 0xff })).isEqualTo("74");
	}

}
