package dev.authgateway.gateway.key;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param algorithm RS256 (default) or ES256, for keys made from now on
 * @param rotationPeriod how long a key signs before the next one takes over
 * @param rotationCheckInterval how often each instance checks whether rotation is due
 * @param encryptionKey 32 bytes in base64; when set, private keys are stored encrypted
 * with it
 * @param reloadInterval how long an instance uses the keys it loaded before it reads them
 * again: the longest it takes to see a rotation or revocation made by another instance
 * @param previousEncryptionKeys encryption keys that {@code encryptionKey} replaced: keys
 * sealed with them are still read, and sealed again with the current one at the next
 * start
 * @param plaintextAllowed store private keys unencrypted when no encryption key is set (a
 * warning at every start); without it and without a key the gateway does not start
 * (application.yml: on with the demo switch)
 * @param purgeInterval how often retired keys whose tokens have all expired are deleted
 */
@ConfigurationProperties("keys")
@Validated
record KeyProperties(@DefaultValue("RS256") @Pattern(regexp = "RS256|ES256") String algorithm,
		@DefaultValue("30d") Duration rotationPeriod, @DefaultValue("1h") Duration rotationCheckInterval,
		String encryptionKey, @DefaultValue("1m") Duration reloadInterval,
		@DefaultValue List<String> previousEncryptionKeys, @DefaultValue("false") boolean plaintextAllowed,
		@DefaultValue("1m") Duration purgeInterval) {

	KeyProperties {
		// checked while binding, so a bad key stops the start with Boot's report (which
		// never shows the value)
		KeyEncryption.fromBase64(encryptionKey, previousEncryptionKeys);
	}

	KeyEncryption encryption() {
		return KeyEncryption.fromBase64(this.encryptionKey, this.previousEncryptionKeys);
	}

	@Override
	public String toString() {
		return "KeyProperties[algorithm=" + this.algorithm + ", rotationPeriod=" + this.rotationPeriod + ", encryption="
				+ (this.encryptionKey != null && !this.encryptionKey.isBlank()) + "]";
	}

}
