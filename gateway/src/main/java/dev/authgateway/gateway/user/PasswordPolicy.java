package dev.authgateway.gateway.user;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * NIST SP 800-63B style: length matters, composition rules do not. At least 12
 * characters, at most 128, not the username, and not one of the common passwords shipped
 * with the project (compared without case).
 */
@Component
class PasswordPolicy {

	static final int MIN_LENGTH = 12;

	static final int MAX_LENGTH = 128;

	private final Set<String> common;

	PasswordPolicy() {
		this.common = load("passwords/common-passwords.txt");
	}

	/** Why the password is refused, or empty when it is acceptable. */
	Optional<String> violation(String username, String password) {
		int length = password.codePointCount(0, password.length());
		if (length < MIN_LENGTH) {
			return Optional.of("must be at least " + MIN_LENGTH + " characters");
		}
		if (length > MAX_LENGTH) {
			return Optional.of("must be at most " + MAX_LENGTH + " characters");
		}
		String lower = password.toLowerCase(Locale.ROOT);
		if (username != null && lower.contains(username.toLowerCase(Locale.ROOT))) {
			return Optional.of("must not contain the username");
		}
		if (this.common.contains(lower)) {
			return Optional.of("is too common; choose a password that others are unlikely to use");
		}
		return Optional.empty();
	}

	private static Set<String> load(String path) {
		Set<String> passwords = new HashSet<>();
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(new ClassPathResource(path).getInputStream(), StandardCharsets.UTF_8))) {
			reader.lines()
				.filter((line) -> !line.startsWith("#") && !line.isBlank())
				.map((line) -> line.toLowerCase(Locale.ROOT))
				.forEach(passwords::add);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the common password list " + path, ex);
		}
		return Set.copyOf(passwords);
	}

}
