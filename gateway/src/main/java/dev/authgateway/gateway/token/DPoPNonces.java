package dev.authgateway.gateway.token;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Server-provided DPoP nonces at the token endpoints (RFC 9449 section 8). A nonce names
 * a window of time and carries a MAC of it by a key that every replica reads from the
 * database, so a nonce one replica hands out is good at all of them and nothing is stored
 * per nonce. A nonce is accepted in its own window and the next, so it lives between one
 * and two lifetimes; a proof cannot be made before its nonce exists.
 */
@Component
class DPoPNonces {

	/** The header that hands a nonce to the client (RFC 9449 section 8.1). */
	static final String HEADER = "DPoP-Nonce";

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final int MAC_BYTES = 16;

	private final DatabaseClient database;

	private final Clock clock;

	private final boolean required;

	private final long lifetimeSeconds;

	private volatile SecretKeySpec key;

	DPoPNonces(DatabaseClient database, Clock clock, DPoPProperties properties) {
		this.database = database;
		this.clock = clock;
		this.required = properties.nonce().required();
		this.lifetimeSeconds = Math.max(1, properties.nonce().lifetime().toSeconds());
	}

	/** Whether every DPoP proof at the token endpoints must carry a nonce of ours. */
	boolean required() {
		return this.required;
	}

	/** The nonces accepted now: the current window's first, then the previous one's. */
	Mono<List<String>> accepted() {
		return key().map((secret) -> accepted(secret, this.clock.instant(), this.lifetimeSeconds));
	}

	static List<String> accepted(SecretKeySpec secret, Instant now, long lifetimeSeconds) {
		long window = Math.floorDiv(now.getEpochSecond(), lifetimeSeconds);
		return List.of(nonce(secret, window), nonce(secret, window - 1));
	}

	/** Whether the nonce is one of those accepted, compared in constant time. */
	static boolean isAccepted(String nonce, List<String> accepted) {
		if (nonce == null) {
			return false;
		}
		byte[] given = nonce.getBytes(StandardCharsets.US_ASCII);
		boolean found = false;
		for (String candidate : accepted) {
			found |= MessageDigest.isEqual(given, candidate.getBytes(StandardCharsets.US_ASCII));
		}
		return found;
	}

	static String nonce(SecretKeySpec secret, long window) {
		byte[] windowBytes = ByteBuffer.allocate(Long.BYTES).putLong(window).array();
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(secret);
			byte[] tag = mac.doFinal(windowBytes);
			byte[] nonce = ByteBuffer.allocate(Long.BYTES + MAC_BYTES).put(windowBytes).put(tag, 0, MAC_BYTES).array();
			return Base64.getUrlEncoder().withoutPadding().encodeToString(nonce);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is part of every JDK", ex);
		}
	}

	static SecretKeySpec newSecret() {
		byte[] secret = new byte[32];
		RANDOM.nextBytes(secret);
		return new SecretKeySpec(secret, "HmacSHA256");
	}

	/**
	 * The shared key: made by the first instance that asks, read by the rest, kept once
	 * read.
	 */
	private Mono<SecretKeySpec> key() {
		SecretKeySpec known = this.key;
		if (known != null) {
			return Mono.just(known);
		}
		return this.database
			.sql("insert into dpop_nonce_key (id, secret) values (1, :secret) on conflict (id) do nothing")
			.bind("secret", newSecret().getEncoded())
			.then()
			.then(this.database.sql("select secret from dpop_nonce_key where id = 1")
				.map((row, metadata) -> row.get("secret", byte[].class))
				.one())
			.map((secret) -> {
				SecretKeySpec read = new SecretKeySpec(secret, "HmacSHA256");
				this.key = read;
				return read;
			});
	}

}
