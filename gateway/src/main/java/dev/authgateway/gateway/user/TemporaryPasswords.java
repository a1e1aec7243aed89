package dev.authgateway.gateway.user;

import java.security.SecureRandom;

/**
 * Temporary passwords an admin hands over: 20 characters from an alphabet without
 * look-alikes (about 100 bits), in groups of five so that they can be read out.
 */
final class TemporaryPasswords {

	private static final char[] ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();

	private static final SecureRandom RANDOM = new SecureRandom();

	private TemporaryPasswords() {
	}

	static String generate() {
		StringBuilder password = new StringBuilder(23);
		for (int i = 0; i < 20; i++) {
			if (i > 0 && i % 5 == 0) {
				password.append('-');
			}
			password.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
		}
		return password.toString();
	}

}
