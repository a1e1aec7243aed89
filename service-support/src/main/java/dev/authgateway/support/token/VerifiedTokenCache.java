package dev.authgateway.support.token;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import reactor.core.publisher.Mono;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/**
 * Remembers access tokens that passed verification, so that the next request with the
 * same token costs a SHA-256 and a lookup instead of a signature check. Only tokens the
 * wrapped decoder accepted are stored, keyed by the hash of the whole token: a token that
 * differs in one byte is another key and gets the full check. An entry never outlives its
 * token's {@code exp}. Access tokens cannot be revoked one by one (they are valid until
 * they expire, by design), so the cache changes nothing about revocation. A key can be
 * revoked, though: a remembered token is accepted only while {@code keyStillPublished}
 * says its key is still in the verifier's JWK set, so it is refused as soon as the
 * verifier knows the key is gone.
 */
public final class VerifiedTokenCache implements ReactiveJwtDecoder {

	/** About 2 KB per entry: 10,000 tokens cost some 20 MB at most. */
	public static final int DEFAULT_MAXIMUM_SIZE = 10_000;

	private final ReactiveJwtDecoder verifier;

	private final Cache<ByteBuffer, Jwt> verified;

	private final Clock clock;

	private final Function<String, Mono<Boolean>> keyStillPublished;

	/**
	 * @param keyStillPublished whether the key with this id is still in the JWK set the
	 * verifier trusts; asked on every remembered token, so it must answer from memory
	 */
	public VerifiedTokenCache(ReactiveJwtDecoder verifier, int maximumSize, Clock clock,
			Function<String, Mono<Boolean>> keyStillPublished) {
		this.verifier = verifier;
		this.clock = clock;
		this.keyStillPublished = keyStillPublished;
		this.verified = Caffeine.newBuilder()
			.maximumSize(maximumSize)
			.expireAfter(Expiry.creating((ByteBuffer key, Jwt jwt) -> lifetimeLeft(jwt)))
			// housekeeping on the calling thread: no hand-off to the common pool on an
			// event loop
			.executor(Runnable::run)
			.build();
	}

	public VerifiedTokenCache(ReactiveJwtDecoder verifier, Function<String, Mono<Boolean>> keyStillPublished) {
		this(verifier, DEFAULT_MAXIMUM_SIZE, Clock.systemUTC(), keyStillPublished);
	}

	@Override
	public Mono<Jwt> decode(String token) {
		ByteBuffer key = sha256(token);
		Jwt known = remembered(key);
		if (known != null) {
			Object kid = known.getHeaders().get("kid");
			return this.keyStillPublished.apply((kid != null) ? kid.toString() : "")
				.flatMap((published) -> published ? Mono.just(known) : Mono.defer(() -> {
					// its key was revoked: the full check refuses it, as it refuses any
					// token of that key
					this.verified.invalidate(key);
					return this.verifier.decode(token);
				}));
		}
		return verifyAndRemember(token, key);
	}

	private Mono<Jwt> verifyAndRemember(String token, ByteBuffer key) {
		return this.verifier.decode(token).doOnNext((jwt) -> {
			if (jwt.getExpiresAt() != null) {
				this.verified.put(key, jwt);
			}
		});
	}

	/**
	 * The cache's own expiry runs on Caffeine's ticker; this check holds entries to
	 * {@code clock} as well.
	 */
	private Jwt remembered(ByteBuffer key) {
		Jwt known = this.verified.getIfPresent(key);
		return (known != null && this.clock.instant().isBefore(known.getExpiresAt())) ? known : null;
	}

	private Duration lifetimeLeft(Jwt jwt) {
		Duration left = Duration.between(this.clock.instant(), jwt.getExpiresAt());
		return left.isNegative() ? Duration.ZERO : left;
	}

	private static ByteBuffer sha256(String token) {
		try {
			return ByteBuffer
				.wrap(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every Java platform", ex);
		}
	}

	/** For tests: whether a token is remembered as verified now. */
	boolean remembers(String token) {
		return remembered(sha256(token)) != null;
	}

}
