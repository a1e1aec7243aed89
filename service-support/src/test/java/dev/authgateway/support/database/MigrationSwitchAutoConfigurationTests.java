package dev.authgateway.support.database;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.mock.env.MockEnvironment;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

/**
 * Under Spring AOT Flyway's own switch is fixed at build; the services still honour it
 * when they run.
 */
class MigrationSwitchAutoConfigurationTests {

	@Test
	void theSchemaIsMigratedUnlessMigrationsAreTurnedOff() {
		Flyway flyway = mock(Flyway.class);
		strategy(new MockEnvironment()).migrate(flyway);
		verify(flyway).migrate();

		Flyway turnedOff = mock(Flyway.class);
		strategy(new MockEnvironment().withProperty("spring.flyway.enabled", "false")).migrate(turnedOff);
		verifyNoInteractions(turnedOff);
	}

	private static FlywayMigrationStrategy strategy(MockEnvironment environment) {
		return new MigrationSwitchAutoConfiguration().migrateUnlessTurnedOff(environment);
	}

}
