package dev.authgateway.gateway.config;

import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The schema is migrated at start unless {@code spring.flyway.enabled} is false. Spring Boot reads that switch
 * as a condition, which the image fixes at build (its bean definitions come from Spring AOT, with Flyway in
 * them), so it is read again here, when the application runs: the image's training start has no database and
 * turns the migrations off this way.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseMigrations {

	private static final String ENABLED = "spring.flyway.enabled";

	@Bean
	FlywayMigrationStrategy migrateUnlessTurnedOff(Environment environment) {
		return (flyway) -> {
			if (environment.getProperty(ENABLED, Boolean.class, true)) {
				flyway.migrate();
			}
		};
	}

}
