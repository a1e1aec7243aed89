package dev.authgateway.gateway.route;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;

import static org.assertj.core.api.Assertions.assertThat;

/** Which resource service instances are in the rotation after failures and answers. */
class UpstreamInstanceHealthTests {

	private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

	private final ServiceInstance one = new DefaultServiceInstance("10.0.0.1:8081", "rs", "10.0.0.1", 8081, false);

	private final ServiceInstance two = new DefaultServiceInstance("10.0.0.2:8081", "rs", "10.0.0.2", 8081, false);

	private final UpstreamInstanceHealth health = new UpstreamInstanceHealth(Duration.ofSeconds(5),
			Clock.fixed(NOW, ZoneOffset.UTC));

	@Test
	void anInstanceThatFailedIsLeftOutUntilItsQuarantineEnds() {
		this.health.failed(this.one, new ConnectException("refused"));

		assertThat(this.health.inRotation(List.of(this.one, this.two))).containsExactly(this.two);
		UpstreamInstanceHealth later = new UpstreamInstanceHealth(Duration.ofSeconds(5),
				Clock.fixed(NOW.plusSeconds(6), ZoneOffset.UTC));
		later.failed(this.one, new IOException("reset"));
		assertThat(later.inRotation(List.of(this.one, this.two))).containsExactly(this.two);
	}

	@Test
	void anAnswerToARequestSentBeforeTheFailureDoesNotBringItBack() {
		this.health.failed(this.one, new ConnectException("refused"));

		// a replica that stops still finishes what it had
		this.health.answered(this.one, NOW.minusMillis(100));
		assertThat(this.health.inRotation(List.of(this.one, this.two))).containsExactly(this.two);

		this.health.answered(this.one, NOW.plusMillis(100));
		assertThat(this.health.inRotation(List.of(this.one, this.two))).containsExactly(this.one, this.two);
	}

	@Test
	void whenEveryInstanceIsOutAllAreTried() {
		this.health.failed(this.one, new ConnectException("refused"));
		this.health.failed(this.two, new ConnectException("refused"));

		assertThat(this.health.inRotation(List.of(this.one, this.two))).containsExactly(this.one, this.two);
	}

}
