package dev.authgateway.support.database;

import org.flywaydb.core.Flyway;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The schema is migrated at start unless {@code spring.flyway.enabled} is false. Spring
 * Boot reads that switch as a condition, which an image that starts from Spring AOT's
 * bean definitions fixes at build (with Flyway in them), so it is read again here, when
 * the application runs: the images' training starts have no database and turn the
 * migrations off this way.
 */
@AutoConfiguration
@ConditionalOnClass({ Flyway.class, FlywayMigrationStrategy.class })
public class MigrationSwitchAutoConfiguration {

	static final String ENABLED = "spring.flyway.enabled";

	@Bean
	@ConditionalOnMissingBean
	FlywayMigrationStrategy migrateUnlessTurnedOff(Environment environment) {
		return (flyway) -> {
			if (environment.getProperty(ENABLED, Boolean.class, true)) {
				flyway.migrate();
			}
		};
	}

}
