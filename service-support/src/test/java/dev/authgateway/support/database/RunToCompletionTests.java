package dev.authgateway.support.database;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.util.context.Context;

import static org.assertj.core.api.Assertions.assertThat;

class RunToCompletionTests {

	@Test
	void cancellingTheCallerDoesNotCancelTheWork() throws InterruptedException {
		AtomicBoolean finished = new AtomicBoolean();
		Mono<String> work = Mono.delay(Duration.ofMillis(200))
			.map((tick) -> "done")
			.doOnNext((done) -> finished.set(true));

		StepVerifier.create(RunToCompletion.of(work)).expectSubscription().thenCancel().verify(Duration.ofSeconds(5));

		Thread.sleep(600);
		assertThat(finished).isTrue();
	}

	@Test
	void theResultArrivesOnlyOnceTheWorkHasCompleted() {
		// work may give its result before it is done (a commit after the value): a caller
		// acting on the result must find the work done
		AtomicBoolean committed = new AtomicBoolean();
		Mono<String> transaction = Mono.fromDirect(Flux.concat(Mono.just("rotated"),
				Mono.delay(Duration.ofMillis(200)).doOnNext((tick) -> committed.set(true)).then(Mono.empty())));

		StepVerifier.create(RunToCompletion.of(transaction).map((result) -> result + ", committed " + committed.get()))
			.expectNext("rotated, committed true")
			.verifyComplete();
	}

	@Test
	void workWithoutAResultCompletesEmpty() {
		StepVerifier.create(RunToCompletion.of(Mono.<String>empty())).verifyComplete();
	}

	@Test
	void theWorksErrorReachesTheCaller() {
		StepVerifier.create(RunToCompletion.of(Mono.<String>error(new IllegalStateException("rolled back"))))
			.expectErrorMessage("rolled back")
			.verify(Duration.ofSeconds(5));
	}

	@Test
	void theWorkSeesTheCallersContextAndItsResult() {
		Mono<String> work = Mono.deferContextual((context) -> Mono.just(context.<String>get("deadline")));

		StepVerifier.create(RunToCompletion.of(work).contextWrite(Context.of("deadline", "1s")))
			.expectNext("1s")
			.verifyComplete();
	}

}
