package dev.authgateway.testsupport;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import reactor.blockhound.BlockingOperationError;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Proves that BlockHound watches a test suite, so that every other test in it would fail
 * on a blocking call made on a Netty or parallel thread. Each module's suite extends it
 * once.
 */
public abstract class BlockHoundInstalledCheck {

	@Test
	void aBlockingCallOnANonBlockingThreadFails() {
		Mono<Void> sleepOnParallel = Mono.<Void>fromRunnable(() -> {
			try {
				Thread.sleep(1);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}).subscribeOn(Schedulers.parallel());

		assertThatThrownBy(() -> sleepOnParallel.block(Duration.ofSeconds(5)))
			.hasCauseInstanceOf(BlockingOperationError.class);
	}

}
