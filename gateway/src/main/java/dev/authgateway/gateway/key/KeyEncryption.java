package dev.authgateway.gateway.key;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts private signing keys at rest with AES-256-GCM when a key encryption key is configured
 * ({@code keys.encryption-key}, 32 bytes in base64). Encrypted values start with a marker, so keys stored
 * before encryption was switched on can still be read, and an encrypted key without the encryption key
 * configured fails loudly instead of being misread.
 */
final class KeyEncryption {

	private static final byte[] MARKER = { 'A', 'G', 'K', '1' };

	private static final int IV_BYTES = 12;

	private static final int TAG_BITS = 128;

	private static final SecureRandom RANDOM = new SecureRandom();

	private final SecretKey key;

	private KeyEncryption(SecretKey key) {
		this.key = key;
	}

	static KeyEncryption fromBase64(String encodedKey) {
		if (encodedKey == null || encodedKey.isBlank()) {
			return new KeyEncryption(null);
		}
		byte[] bytes;
		try {
			bytes = Base64.getDecoder().decode(encodedKey.trim());
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("KEYS_ENCRYPTION_KEY (keys.encryption-key) must be base64", ex);
		}
		if (bytes.length != 32) {
			throw new IllegalArgumentException("KEYS_ENCRYPTION_KEY (keys.encryption-key) must be 32 bytes (256 bits) "
					+ "in base64, for example: openssl rand -base64 32");
		}
		return new KeyEncryption(new SecretKeySpec(bytes, "AES"));
	}

	boolean enabled() {
		return this.key != null;
	}

	byte[] encrypt(byte[] plain) {
		if (this.key == null) {
			return plain;
		}
		try {
			byte[] iv = new byte[IV_BYTES];
			RANDOM.nextBytes(iv);
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, this.key, new GCMParameterSpec(TAG_BITS, iv));
			cipher.updateAAD(MARKER);
			byte[] sealed = cipher.doFinal(plain);
			return ByteBuffer.allocate(MARKER.length + IV_BYTES + sealed.length).put(MARKER).put(iv).put(sealed).array();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot encrypt a signing key", ex);
		}
	}

	byte[] decrypt(byte[] stored) {
		if (!isEncrypted(stored)) {
			return stored;
		}
		if (this.key == null) {
			throw new IllegalStateException(
					"A signing key in the database is encrypted, but keys.encryption-key is not configured");
		}
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, this.key,
					new GCMParameterSpec(TAG_BITS, stored, MARKER.length, IV_BYTES));
			cipher.updateAAD(MARKER);
			int offset = MARKER.length + IV_BYTES;
			return cipher.doFinal(stored, offset, stored.length - offset);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("A signing key cannot be decrypted: is keys.encryption-key the one it "
					+ "was encrypted with?", ex);
		}
	}

	static boolean isEncrypted(byte[] stored) {
		return stored.length > MARKER.length && Arrays.equals(stored, 0, MARKER.length, MARKER, 0, MARKER.length);
	}

}
