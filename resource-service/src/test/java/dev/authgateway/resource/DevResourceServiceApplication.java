package dev.authgateway.resource;

import dev.authgateway.testsupport.DevelopmentRun;

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
		DevelopmentRun.run(ResourceServiceApplication::main, args);
	}

}
