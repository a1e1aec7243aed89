package dev.authgateway.gateway.key;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Pattern;

/**
 * @param algorithm RS256 (default) or ES256, for keys made from now on
 * @param rotationPeriod how long a key signs before the next one takes over
 * @param rotationCheckInterval how often each instance checks whether rotation is due
 * @param retiredKeyRetention how long a retired key stays published: at least the access token lifetime,
 * plus the time instances may still sign with it (their key cache) and the verifiers' clock skew
 * @param encryptionKey 32 bytes in base64; when set, private keys are stored encrypted with it
 * @param reloadInterval how long an instance uses the keys it loaded before it reads them again: the longest
 * it takes to see a rotation made by another instance
 */
@ConfigurationProperties("keys")
@Validated
record KeyProperties(@DefaultValue("RS256") @Pattern(regexp = "RS256|ES256") String algorithm,
		@DefaultValue("30d") Duration rotationPeriod, @DefaultValue("1h") Duration rotationCheckInterval,
		@DefaultValue("15m") Duration retiredKeyRetention, String encryptionKey,
		@DefaultValue("1m") Duration reloadInterval) {

	KeyProperties {
		// checked while binding, so a bad key stops the start with Boot's report (which never shows the value)
		KeyEncryption.fromBase64(encryptionKey);
	}

	@Override
	public String toString() {
		return "KeyProperties[algorithm=" + this.algorithm + ", rotationPeriod=" + this.rotationPeriod
				+ ", encryption=" + (this.encryptionKey != null && !this.encryptionKey.isBlank()) + "]";
	}

}
