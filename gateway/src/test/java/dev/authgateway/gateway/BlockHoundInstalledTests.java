package dev.authgateway.gateway;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import reactor.blockhound.BlockingOperationError;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Proves that BlockHound watches this test suite, so that every other test here would
 * fail on a blocking call made on a Netty or parallel thread.
 */
class BlockHoundInstalledTests {

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
