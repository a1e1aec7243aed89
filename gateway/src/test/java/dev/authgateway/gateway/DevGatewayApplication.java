package dev.authgateway.gateway;

import org.testcontainers.postgresql.PostgreSQLContainer;

import dev.authgateway.testsupport.TestDatabases;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Bean;

/**
 * For development where Docker runs: {@code ./mvnw -pl gateway spring-boot:test-run}
 * starts the gateway against a PostgreSQL container of its own, demo switch on (the
 * resource service the same way, from its module). Nothing to install, nothing left
 * behind.
 */
final class DevGatewayApplication {

	private DevGatewayApplication() {
	}

	public static void main(String[] args) {
		String[] all = new String[args.length + 1];
		all[0] = "--demo.enabled=true";
		System.arraycopy(args, 0, all, 1, args.length);
		SpringApplication.from(GatewayApplication::main).with(DevDatabase.class).run(all);
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class DevDatabase {

		@Bean
		@ServiceConnection
		PostgreSQLContainer postgres() {
			return TestDatabases.postgres();
		}

	}

}
