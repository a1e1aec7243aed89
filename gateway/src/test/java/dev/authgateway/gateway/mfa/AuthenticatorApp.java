package dev.authgateway.gateway.mfa;

/** What an authenticator app does with the secret it is shown: reads it as Base32. */
final class AuthenticatorApp {

	private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

	private AuthenticatorApp() {
	}

	static byte[] secretOf(String base32) {
		byte[] bytes = new byte[base32.length() * 5 / 8];
		int buffer = 0;
		int bits = 0;
		int index = 0;
		for (char c : base32.toCharArray()) {
			buffer = (buffer << 5) | ALPHABET.indexOf(c);
			bits += 5;
			if (bits >= 8) {
				bytes[index++] = (byte) (buffer >> (bits - 8));
				bits -= 8;
			}
		}
		return bytes;
	}

}
