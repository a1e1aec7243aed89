package dev.authgateway.gateway.key;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts private signing keys at rest with AES-256-GCM when a key encryption key is
 * configured ({@code keys.encryption-key}, 32 bytes in base64). Encrypted values start
 * with a marker, so keys stored before encryption was switched on can still be read, and
 * an encrypted key without the encryption key configured fails loudly instead of being
 * misread. To rotate the encryption key, the new one becomes {@code keys.encryption-key}
 * and the old ones {@code keys.previous-encryption-keys}: values sealed with any of them
 * are read, and the start seals every stored key again with the current one
 * ({@link #needsResealing}).
 */
final class KeyEncryption {

	private static final byte[] MARKER = { 'A', 'G', 'K', '1' };

	private static final int IV_BYTES = 12;

	private static final int TAG_BITS = 128;

	private static final SecureRandom RANDOM = new SecureRandom();

	private final SecretKey current;

	private final List<SecretKey> all;

	private KeyEncryption(SecretKey current, List<SecretKey> previous) {
		this.current = current;
		List<SecretKey> keys = new ArrayList<>();
		if (current != null) {
			keys.add(current);
		}
		keys.addAll(previous);
		this.all = List.copyOf(keys);
	}

	static KeyEncryption fromBase64(String encodedKey) {
		return fromBase64(encodedKey, List.of());
	}

	/**
	 * The current key (null or blank: none) and the ones it replaced, each 32 bytes in
	 * base64.
	 */
	static KeyEncryption fromBase64(String encodedKey, List<String> previousKeys) {
		List<SecretKey> previous = (previousKeys != null)
				? previousKeys.stream().filter((key) -> key != null && !key.isBlank()).map(KeyEncryption::aes).toList()
				: List.of();
		if (encodedKey == null || encodedKey.isBlank()) {
			if (!previous.isEmpty()) {
				throw new IllegalArgumentException(
						"KEYS_PREVIOUS_ENCRYPTION_KEYS is set but KEYS_ENCRYPTION_KEY (keys.encryption-key) is not");
			}
			return new KeyEncryption(null, List.of());
		}
		return new KeyEncryption(aes(encodedKey), previous);
	}

	private static SecretKey aes(String encodedKey) {
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
		return new SecretKeySpec(bytes, "AES");
	}

	boolean enabled() {
		return this.current != null;
	}

	byte[] encrypt(byte[] plain) {
		if (this.current == null) {
			return plain;
		}
		try {
			byte[] iv = new byte[IV_BYTES];
			RANDOM.nextBytes(iv);
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, this.current, new GCMParameterSpec(TAG_BITS, iv));
			cipher.updateAAD(MARKER);
			byte[] sealed = cipher.doFinal(plain);
			return ByteBuffer.allocate(MARKER.length + IV_BYTES + sealed.length)
				.put(MARKER)
				.put(iv)
				.put(sealed)
				.array();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot encrypt a signing key", ex);
		}
	}

	byte[] decrypt(byte[] stored) {
		if (!isEncrypted(stored)) {
			return stored;
		}
		if (this.all.isEmpty()) {
			throw new IllegalStateException(
					"A signing key in the database is encrypted, but keys.encryption-key is not configured");
		}
		for (SecretKey key : this.all) {
			byte[] plain = open(stored, key);
			if (plain != null) {
				return plain;
			}
		}
		throw new IllegalStateException("A signing key cannot be decrypted: is keys.encryption-key the one it "
				+ "was encrypted with? (Keys it replaced belong in keys.previous-encryption-keys.)");
	}

	/**
	 * True when the stored value should be sealed again: stored in plaintext or with a
	 * previous key.
	 */
	boolean needsResealing(byte[] stored) {
		return enabled() && stored.length > 0 && (!isEncrypted(stored) || open(stored, this.current) == null);
	}

	private static byte[] open(byte[] stored, SecretKey key) {
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, stored, MARKER.length, IV_BYTES));
			cipher.updateAAD(MARKER);
			int offset = MARKER.length + IV_BYTES;
			return cipher.doFinal(stored, offset, stored.length - offset);
		}
		catch (GeneralSecurityException ex) {
			// a wrong key fails the GCM tag check
			return null;
		}
	}

	static boolean isEncrypted(byte[] stored) {
		return stored.length > MARKER.length && Arrays.equals(stored, 0, MARKER.length, MARKER, 0, MARKER.length);
	}

}
