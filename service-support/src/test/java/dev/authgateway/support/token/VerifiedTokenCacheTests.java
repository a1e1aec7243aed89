package dev.authgateway.support.token;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;

class VerifiedTokenCacheTests {

	private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

	private final MovableClock clock = new MovableClock(NOW);

	private final List<String> verified = new ArrayList<>();

	private final List<String> revokedKids = new ArrayList<>();

	/**
	 * Accepts tokens starting with "good", valid five minutes; refuses everything else.
	 */
	private final ReactiveJwtDecoder verifier = (token) -> {
		this.verified.add(token);
		if (!token.startsWith("good")) {
			return Mono.error(new BadJwtException("bad signature"));
		}
		if (this.revokedKids.contains("key-1")) {
			return Mono.error(new BadJwtException("no key with this kid"));
		}
		return Mono.just(Jwt.withTokenValue(token)
			.header("alg", "RS256")
			.header("kid", "key-1")
			.subject(token)
			.issuedAt(this.clock.instant())
			.expiresAt(this.clock.instant().plusSeconds(300))
			.build());
	};

	private final VerifiedTokenCache cache = new VerifiedTokenCache(this.verifier, 100, this.clock,
			(kid) -> Mono.just(!this.revokedKids.contains(kid)));

	@Test
	void aTokenIsVerifiedOnceAndThenRemembered() {
		StepVerifier.create(this.cache.decode("good-1")).expectNextCount(1).verifyComplete();
		StepVerifier.create(this.cache.decode("good-1"))
			.assertNext((jwt) -> assertThat(jwt.getSubject()).isEqualTo("good-1"))
			.verifyComplete();
		assertThat(this.verified).containsExactly("good-1");
	}

	@Test
	void aRefusedTokenIsNeverRemembered() {
		StepVerifier.create(this.cache.decode("forged")).expectError(BadJwtException.class).verify();
		StepVerifier.create(this.cache.decode("forged")).expectError(BadJwtException.class).verify();
		assertThat(this.verified).containsExactly("forged", "forged");
		assertThat(this.cache.remembers("forged")).isFalse();
	}

	@Test
	void aTokenThatDiffersInOneCharacterGetsTheFullCheck() {
		this.cache.decode("good-1").block();
		StepVerifier.create(this.cache.decode("good-2")).expectNextCount(1).verifyComplete();
		StepVerifier.create(this.cache.decode("bad-1")).expectError(BadJwtException.class).verify();
		assertThat(this.verified).containsExactly("good-1", "good-2", "bad-1");
	}

	@Test
	void aRememberedTokenIsRefusedOnceItsKeyIsNoLongerPublished() {
		this.cache.decode("good-1").block();

		this.revokedKids.add("key-1");

		StepVerifier.create(this.cache.decode("good-1")).expectError(BadJwtException.class).verify();
		assertThat(this.cache.remembers("good-1")).isFalse();
	}

	@Test
	void aRememberedTokenIsForgottenWhenItExpires() {
		this.cache.decode("good-1").block();
		this.clock.advanceSeconds(299);
		assertThat(this.cache.remembers("good-1")).isTrue();
		this.clock.advanceSeconds(1);
		assertThat(this.cache.remembers("good-1")).isFalse();
		this.cache.decode("good-1").block();
		assertThat(this.verified).containsExactly("good-1", "good-1");
	}

	@Test
	void theCacheHoldsAtMostItsMaximumSize() {
		VerifiedTokenCache small = new VerifiedTokenCache(this.verifier, 2, this.clock, (kid) -> Mono.just(true));
		for (int i = 0; i < 50; i++) {
			small.decode("good-" + i).block();
		}
		long remembered = java.util.stream.IntStream.range(0, 50).filter((i) -> small.remembers("good-" + i)).count();
		assertThat(remembered).isLessThanOrEqualTo(2);
	}

	private static final class MovableClock extends Clock {

		private Instant now;

		MovableClock(Instant now) {
			this.now = now;
		}

		void advanceSeconds(long seconds) {
			this.now = this.now.plusSeconds(seconds);
		}

		@Override
		public Instant instant() {
			return this.now;
		}

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

	}

}
