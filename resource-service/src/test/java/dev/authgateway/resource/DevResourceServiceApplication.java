package dev.authgateway.resource;

import org.testcontainers.postgresql.PostgreSQLContainer;

import dev.authgateway.testsupport.TestDatabases;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Bean;

/**
 * For development where Docker runs:
 * {@code ./mvnw -pl resource-service spring-boot:test-run} starts the resource service
 * against a PostgreSQL container of its own, demo switch on, expecting the gateway at
 * http://localhost:8080 (started the same way from its module).
 */
final class DevResourceServiceApplication {

	private DevResourceServiceApplication() {
	}

	public static void main(String[] args) {
		String[] all = new String[args.length + 1];
		all[0] = "--demo.enabled=true";
		System.arraycopy(args, 0, all, 1, args.length);
		SpringApplication.from(ResourceServiceApplication::main).with(DevDatabase.class).run(all);
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
