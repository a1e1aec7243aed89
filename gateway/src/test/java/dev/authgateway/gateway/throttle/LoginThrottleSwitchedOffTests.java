package dev.authgateway.gateway.throttle;

import java.time.Clock;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/**
 * With throttling switched off nothing is counted, so there is nothing to give back: a
 * login goes through without touching the database.
 */
class LoginThrottleSwitchedOffTests {

	private final LoginThrottle throttle = new LoginThrottle(null, new ThrottleProperties(false, Duration.ofMinutes(15),
			5, Duration.ofMinutes(15), 50, Duration.ofMinutes(1), 100, Duration.ofMinutes(5)), Clock.systemUTC());

	@Test
	void aSuccessfulLoginHasNothingToGiveBack() {
		StepVerifier.create(this.throttle.reserveLogin("alice", "192.0.2.1").flatMap(this.throttle::loginSucceeded))
			.verifyComplete();
	}

	@Test
	void anUncheckedLoginHasNothingToGiveBack() {
		StepVerifier.create(this.throttle.reserveLogin("alice", "192.0.2.1").flatMap(this.throttle::loginUnchecked))
			.verifyComplete();
	}

}
