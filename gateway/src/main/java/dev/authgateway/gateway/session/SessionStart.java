package dev.authgateway.gateway.session;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A session about to start at a login: its id (the {@code sid} of its access tokens), how
 * and when the user authenticated, where from (what the account page shows), and the
 * thumbprint of the DPoP key it is bound to, if any.
 */
public record SessionStart(UUID id, UUID userId, String clientId, Instant authTime, List<String> amr, String userAgent,
		String clientAddress, String dpopJkt) {

	private static final int MAX_USER_AGENT = 200;

	private static final int MAX_ADDRESS = 64;

	public SessionStart {
		amr = List.copyOf(amr);
		userAgent = printable(userAgent, MAX_USER_AGENT);
		clientAddress = printable(clientAddress, MAX_ADDRESS);
	}

	/**
	 * What the caller sent, cut to what the table holds and with control characters
	 * replaced: it is shown on a page later.
	 */
	private static String printable(String text, int max) {
		if (text == null || text.isBlank()) {
			return null;
		}
		String cut = (text.length() > max) ? text.substring(0, max) : text;
		StringBuilder printable = new StringBuilder(cut.length());
		cut.codePoints().forEach((c) -> printable.appendCodePoint(Character.isISOControl(c) ? ' ' : c));
		return printable.toString().strip();
	}

}
