package dev.authgateway.support.database;

import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;

import io.r2dbc.spi.Readable;
import io.r2dbc.spi.Result;
import io.r2dbc.spi.Row;
import io.r2dbc.spi.RowMetadata;
import io.r2dbc.spi.Statement;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

/**
 * How long a statement made for a request may take to start answering. A database that is
 * paused or cut off accepts a statement and never answers; with this, the request fails
 * within the deadline with a TimeoutException (a 503) instead of waiting for its whole
 * request deadline. A healthy database starts answering within milliseconds. Statements
 * made outside a request (start-up, scheduled purges) have no such deadline: they may
 * legitimately run long.
 */
public final class StatementDeadline {

	private static final Object KEY = StatementDeadline.class;

	private StatementDeadline() {
	}

	/** For a request's Reactor context: statements made for it get this deadline. */
	public static Context within(Context context, Duration deadline) {
		return context.put(KEY, deadline);
	}

	/** Spring's {@code DatabaseClient} runs every statement through this. */
	public static Publisher<? extends Result> execute(Statement statement) {
		return Flux.deferContextual((context) -> {
			Flux<Result> results = Flux.from(statement.execute());
			if (!context.hasKey(KEY)) {
				return results;
			}
			Duration deadline = context.get(KEY);
			// a driver may hand out a result before the server has said anything: its
			// rows get the deadline too
			return firstWithin(results, deadline).map((result) -> new AnswerWithin(result, deadline));
		});
	}

	private static <T> Flux<T> firstWithin(Publisher<T> source, Duration deadline) {
		return Flux.from(source)
			.timeout(Mono.delay(deadline), (first) -> Mono.never(), Flux.error(() -> new TimeoutException(
					"The database did not answer a statement within " + deadline.toMillis() + " ms")));
	}

	/**
	 * A result whose first row, count or segment, or its end, must come within the
	 * deadline.
	 */
	private record AnswerWithin(Result result, Duration deadline) implements Result {

		@Override
		public Publisher<Long> getRowsUpdated() {
			return firstWithin(this.result.getRowsUpdated(), this.deadline);
		}

		@Override
		public <T> Publisher<T> map(BiFunction<Row, RowMetadata, ? extends T> mapping) {
			return firstWithin(this.result.map(mapping), this.deadline);
		}

		@Override
		public <T> Publisher<T> map(Function<? super Readable, ? extends T> mapping) {
			return firstWithin(this.result.map(mapping), this.deadline);
		}

		@Override
		public Result filter(Predicate<Segment> filter) {
			return new AnswerWithin(this.result.filter(filter), this.deadline);
		}

		@Override
		public <T> Publisher<T> flatMap(Function<Segment, ? extends Publisher<? extends T>> mapping) {
			return firstWithin(this.result.flatMap(mapping), this.deadline);
		}

	}

}
