package dev.authgateway.gateway.token;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How a log line names what someone typed as a username. People often type their password
 * there, so the text itself is never logged: a keyed hash of it is, which tells repeated
 * attempts with one name apart from many names (within one run of the gateway: the key is
 * made at start and never stored).
 */
final class TypedNames {

	private static final SecretKeySpec KEY = newKey();

	private TypedNames() {
	}

	/**
	 * {@code name#} and twelve hex digits of HMAC-SHA256 over the name as the throttle
	 * counts it.
	 */
	static String pseudonym(String typed) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(KEY);
			byte[] digest = mac.doFinal(typed.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
			return "name#" + HexFormat.of().formatHex(digest, 0, 6);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is part of every Java platform", ex);
		}
	}

	private static SecretKeySpec newKey() {
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		return new SecretKeySpec(key, "HmacSHA256");
	}

}
