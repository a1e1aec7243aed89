package dev.authgateway.gateway;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.testcontainers.postgresql.PostgreSQLContainer;

import dev.authgateway.testsupport.TestDatabases;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistrar;

/**
 * What the gateway's integration tests share, so they share one application context: a
 * real PostgreSQL (Spring starts it with the context and stops it after) and a clock the
 * tests can move forward.
 */
@TestConfiguration(proxyBeanMethods = false)
public class IntegrationTestConfiguration {

	@Bean
	PostgreSQLContainer postgres() {
		return TestDatabases.postgres();
	}

	/**
	 * The gateway's database as deploy/postgres makes it: migrated by its owner, used by
	 * a role that may only read and write the tables.
	 */
	@Bean
	DynamicPropertyRegistrar gatewayDatabase(PostgreSQLContainer postgres) {
		return (registry) -> TestDatabases.register(registry, postgres, "gateway");
	}

	@Bean
	@Primary
	TestClock testClock() {
		return new TestClock();
	}

	/**
	 * The system clock plus an offset that a test may advance; {@link #reset()} after
	 * such a test.
	 */
	public static final class TestClock extends Clock {

		private volatile Duration offset = Duration.ZERO;

		public void advance(Duration duration) {
			this.offset = this.offset.plus(duration);
		}

		public void reset() {
			this.offset = Duration.ZERO;
		}

		@Override
		public Instant instant() {
			return Instant.now().plus(this.offset);
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

	}

}
