package dev.authgateway.support.database;

import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;

import io.r2dbc.spi.Result;
import io.r2dbc.spi.Statement;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

class StatementDeadlineTests {

	private final Statement statement = mock(Statement.class);

	@Test
	void aStatementForARequestThatGetsNoAnswerFailsAtTheDeadline() {
		given(this.statement.execute()).willAnswer((call) -> Flux.never());

		StepVerifier
			.create(Flux.<Result>from(StatementDeadline.execute(this.statement))
				.contextWrite((context) -> StatementDeadline.within(context, Duration.ofMillis(300))))
			.expectSubscription()
			.expectNoEvent(Duration.ofMillis(200))
			.expectError(TimeoutException.class)
			.verify(Duration.ofSeconds(5));
	}

	@Test
	void aResultHandedOutBeforeTheDatabaseAnswersStillHasTheDeadlineForItsFirstRow() {
		Result result = mock(Result.class);
		given(this.statement.execute()).willAnswer((call) -> Flux.just(result));
		given(result.map(any(BiFunction.class))).willAnswer((call) -> Flux.never());

		StepVerifier
			.create(Flux.<Result>from(StatementDeadline.execute(this.statement))
				.concatMap((handedOut) -> handedOut.map((row, metadata) -> row))
				.contextWrite((context) -> StatementDeadline.within(context, Duration.ofMillis(300))))
			.expectSubscription()
			.expectNoEvent(Duration.ofMillis(200))
			.expectError(TimeoutException.class)
			.verify(Duration.ofSeconds(5));
	}

	@Test
	void rowsAfterTheFirstMayTakeLonger() {
		Result result = mock(Result.class);
		given(this.statement.execute()).willAnswer((call) -> Flux.just(result));
		given(result.map(any(BiFunction.class))).willAnswer((call) -> Flux.just("first").concatWith(Flux.never()));

		StepVerifier
			.create(Flux.<Result>from(StatementDeadline.execute(this.statement))
				.concatMap((handedOut) -> handedOut.<Object>map((row, metadata) -> row))
				.contextWrite((context) -> StatementDeadline.within(context, Duration.ofMillis(100))))
			.expectSubscription()
			.expectNext((Object) "first")
			.expectNoEvent(Duration.ofMillis(500))
			.thenCancel()
			.verify(Duration.ofSeconds(5));
	}

	@Test
	void aStatementOutsideARequestHasNoDeadline() {
		given(this.statement.execute()).willAnswer((call) -> Flux.never());

		StepVerifier.create(Flux.<Result>from(StatementDeadline.execute(this.statement)))
			.expectSubscription()
			.expectNoEvent(Duration.ofMillis(500))
			.thenCancel()
			.verify(Duration.ofSeconds(5));
	}

}
