package dev.authgateway.gateway.passkey;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * A passkey's answer that proves nothing: the wrong challenge, origin or relying party, a
 * bad signature, a counter gone backwards, a missing user verification, or a ceremony
 * that is unknown, used or expired.
 */
public class PasskeyRejectedException extends ResponseStatusException {

	PasskeyRejectedException(HttpStatus status, String reason) {
		super(status, reason);
	}

	/** A passkey login refused: the same answer whatever the reason. */
	public static PasskeyRejectedException login() {
		return new PasskeyRejectedException(HttpStatus.UNAUTHORIZED,
				"The passkey was not accepted. Ask for new options and try again.");
	}

	static PasskeyRejectedException registration(String reason) {
		return new PasskeyRejectedException(HttpStatus.BAD_REQUEST, reason);
	}

}
