package dev.authgateway.gateway.token;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;

import dev.authgateway.gateway.session.RefreshTokenRejectedException;
import dev.authgateway.gateway.throttle.TooManyAttemptsException;

/**
 * Counts a grant by how it ended: {@code success}, {@code rejected} (wrong password,
 * spent or unknown refresh token), {@code throttled} (brute-force protection) or
 * {@code unavailable} (anything else, such as a silent database). Prometheus shows it as
 * {@code <name>_total{outcome="..."}}.
 */
final class Outcomes {

	private final Counter success;

	private final Counter rejected;

	private final Counter throttled;

	private final Counter unavailable;

	Outcomes(MeterRegistry meters, String name, String description) {
		this.success = counter(meters, name, description, "success");
		this.rejected = counter(meters, name, description, "rejected");
		this.throttled = counter(meters, name, description, "throttled");
		this.unavailable = counter(meters, name, description, "unavailable");
	}

	<T> Mono<T> count(Mono<T> grant) {
		return grant.doOnSuccess((result) -> this.success.increment()).doOnError((ex) -> outcomeOf(ex).increment());
	}

	private Counter outcomeOf(Throwable ex) {
		if (ex instanceof InvalidCredentialsException || ex instanceof RefreshTokenRejectedException) {
			return this.rejected;
		}
		return (ex instanceof TooManyAttemptsException) ? this.throttled : this.unavailable;
	}

	private static Counter counter(MeterRegistry meters, String name, String description, String outcome) {
		return Counter.builder(name).description(description).tag("outcome", outcome).register(meters);
	}

}
