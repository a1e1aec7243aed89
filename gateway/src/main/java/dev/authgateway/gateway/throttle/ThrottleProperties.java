package dev.authgateway.gateway.throttle;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param enabled brute-force protection for login and registration (on by default)
 * @param window how long failures are counted before the count starts over
 * @param freeFailures failures of one account from one address before delays start; each
 * further failure doubles the delay, from 2 seconds up to {@code maxDelay}
 * @param maxDelay the longest delay for one account from one address
 * @param accountMaxFailures failures of one account from all addresses in a window before
 * the account is paused for {@code accountPause}: looser, so an attacker at one address
 * cannot lock the owner out
 * @param accountPause how long an account is paused
 * @param addressMaxAttempts failed logins (any accounts) or registrations from one
 * address in a window before the address is paused for {@code addressPause}
 * @param addressPause how long an address is paused
 */
@ConfigurationProperties("throttling")
public record ThrottleProperties(@DefaultValue("true") boolean enabled, @DefaultValue("15m") Duration window,
		@DefaultValue("5") int freeFailures, @DefaultValue("15m") Duration maxDelay,
		@DefaultValue("50") int accountMaxFailures, @DefaultValue("1m") Duration accountPause,
		@DefaultValue("100") int addressMaxAttempts, @DefaultValue("5m") Duration addressPause) {
}
