package dev.authgateway.gateway.key;

import org.springframework.stereotype.Component;

/**
 * Seals other secrets at rest (TOTP secrets) the way private signing keys are: AES-GCM
 * with {@code keys.encryption-key}, opened with it or one of the previous keys, and kept
 * in plaintext only where plaintext keys were chosen.
 */
@Component
public class SecretSealing {

	private final KeyEncryption encryption;

	SecretSealing(KeyProperties properties) {
		this.encryption = properties.encryption();
	}

	public byte[] seal(byte[] secret) {
		return this.encryption.encrypt(secret);
	}

	public byte[] open(byte[] sealed) {
		return this.encryption.decrypt(sealed);
	}

	/** Stored in plaintext or under a previous key: to be sealed again. */
	public boolean needsResealing(byte[] sealed) {
		return this.encryption.enabled() && this.encryption.needsResealing(sealed);
	}

}
