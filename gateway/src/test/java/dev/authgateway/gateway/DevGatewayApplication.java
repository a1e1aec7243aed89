package dev.authgateway.gateway;

import dev.authgateway.testsupport.DevelopmentRun;

/**
 * For development where Docker runs: {@code ./mvnw -pl gateway spring-boot:test-run}
 * starts the gateway against a PostgreSQL container of its own, demo switch on (the
 * resource service the same way, from its module).
 */
final class DevGatewayApplication {

	private DevGatewayApplication() {
	}

	public static void main(String[] args) {
		DevelopmentRun.run(GatewayApplication::main, args);
	}

}
