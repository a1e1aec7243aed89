package dev.authgateway.support.database;

import reactor.core.publisher.Mono;

/**
 * A transaction that has begun runs to its commit or rollback, even when the request that
 * started it is cancelled (the client went away). Cancelled half-way, while its BEGIN was
 * in flight, a transaction went back to the pool still open, and every later statement on
 * that connection answered without ever being committed
 * (AbandonedRequestsIntegrationTests).
 */
public final class RunToCompletion {

	private RunToCompletion() {
	}

	public static <T> Mono<T> of(Mono<T> transaction) {
		// the caller's context goes along (the statement deadline), its cancellation does
		// not. The future is made from the work's completion, not from its value, which
		// may come before the commit: singleOrEmpty gives the value only once the work
		// has completed.
		return Mono.deferContextual((context) -> Mono
			.fromFuture(() -> transaction.contextWrite(context).flux().singleOrEmpty().toFuture(), true));
	}

}
