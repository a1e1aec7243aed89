package dev.authgateway.support.database;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class StartupRetryTests {

	private final AtomicInteger tries = new AtomicInteger();

	@Test
	void workThatCouldNotGetAConnectionIsTriedAgainUntilItSucceeds() {
		Mono<String> work = Mono
			.defer(() -> (this.tries.incrementAndGet() < 3) ? Mono.error(noConnection()) : Mono.just("done"));

		String result = StartupRetry.whileUnavailable("test work", Duration.ofSeconds(10), work)
			.block(Duration.ofSeconds(10));

		assertThat(result).isEqualTo("done");
		assertThat(this.tries).hasValue(3);
	}

	@Test
	void aFailureThatIsNotTheDatabasesAvailabilityEndsTheWorkAtOnce() {
		Mono<String> work = Mono.defer(() -> {
			this.tries.incrementAndGet();
			return Mono.error(new DataIntegrityViolationException("duplicate key"));
		});

		assertThatExceptionOfType(DataIntegrityViolationException.class)
			.isThrownBy(() -> StartupRetry.whileUnavailable("test work", Duration.ofSeconds(10), work)
				.block(Duration.ofSeconds(10)));
		assertThat(this.tries).hasValue(1);
	}

	@Test
	void aDatabaseThatStaysUnavailableEndsTheWorkWithItsFailureOnceTheTimeIsUp() {
		Mono<String> work = Mono.defer(() -> {
			this.tries.incrementAndGet();
			return Mono.error(noConnection());
		});
		long start = System.nanoTime();

		assertThatExceptionOfType(DataAccessResourceFailureException.class)
			.isThrownBy(() -> StartupRetry.whileUnavailable("test work", Duration.ofSeconds(1), work)
				.block(Duration.ofSeconds(10)))
			.withMessage("Failed to obtain R2DBC Connection");
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(4));
		assertThat(this.tries.get()).isGreaterThan(2);
	}

	private static DataAccessResourceFailureException noConnection() {
		return new DataAccessResourceFailureException("Failed to obtain R2DBC Connection",
				new RuntimeException("Timeout on blocking read"));
	}

}
