package dev.authgateway.testsupport;

import java.util.function.Consumer;

import org.testcontainers.postgresql.PostgreSQLContainer;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Bean;

/**
 * A service run for development where Docker runs
 * ({@code ./mvnw -pl <module> spring-boot:test-run}): against a PostgreSQL container of
 * its own, with the demo switch on. Nothing to install, nothing left behind.
 */
public final class DevelopmentRun {

	private DevelopmentRun() {
	}

	/**
	 * Runs the application whose {@code main} is given, with the demo switch on and its
	 * own database.
	 */
	public static void run(Consumer<String[]> main, String[] args) {
		String[] all = new String[args.length + 1];
		all[0] = "--demo.enabled=true";
		System.arraycopy(args, 0, all, 1, args.length);
		SpringApplication.from(main::accept).with(DevelopmentDatabase.class).run(all);
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class DevelopmentDatabase {

		@Bean
		@ServiceConnection
		PostgreSQLContainer postgres() {
			return TestDatabases.postgres();
		}

	}

}
