package dev.authgateway.support.database;

import java.time.Duration;

import dev.authgateway.support.problem.Unavailable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Database work that an application does once while it starts tries again, with a
 * backoff, when the database was unavailable, instead of ending the start. The connection
 * pool's bounds (a connection within 2 s) are right for requests, which get a quick 503
 * and may try again; at start nobody tries again. On a busy machine (several replicas and
 * the database starting together on two cores) a first connection took longer than that,
 * the start-up work failed, and with it the application. Any other failure still ends the
 * start at once.
 */
public final class StartupRetry {

	private static final Logger log = LoggerFactory.getLogger(StartupRetry.class);

	/**
	 * How long start-up work tries again: far longer than the busiest start seen (16 s),
	 * well within the two minutes that compose's health checks give a service.
	 */
	public static final Duration WINDOW = Duration.ofSeconds(60);

	private static final Duration FIRST_BACKOFF = Duration.ofMillis(250);

	private static final Duration MAX_BACKOFF = Duration.ofSeconds(2);

	private StartupRetry() {
	}

	/**
	 * {@code work}, subscribed again while it fails because the database is unavailable
	 * and the {@link #WINDOW} has not passed since the first try; after that, or for any
	 * other failure, the failure itself.
	 */
	public static <T> Mono<T> whileUnavailable(String what, Mono<T> work) {
		return whileUnavailable(what, WINDOW, work);
	}

	static <T> Mono<T> whileUnavailable(String what, Duration window, Mono<T> work) {
		return Mono.defer(() -> {
			long deadline = System.nanoTime() + window.toNanos();
			return work.retryWhen(Retry.backoff(Long.MAX_VALUE, FIRST_BACKOFF)
				.maxBackoff(MAX_BACKOFF)
				.filter((ex) -> Unavailable.isCauseOf(ex) && System.nanoTime() < deadline)
				.doBeforeRetry((signal) -> log.warn("{}: the database is not available yet ({}); trying again", what,
						describe(signal.failure()))));
		});
	}

	/**
	 * The failure and its direct cause: the innermost one can be a timeout that prints a
	 * whole configuration.
	 */
	private static String describe(Throwable failure) {
		Throwable cause = failure.getCause();
		return (cause != null) ? failure.getMessage() + ": " + cause : failure.toString();
	}

}
