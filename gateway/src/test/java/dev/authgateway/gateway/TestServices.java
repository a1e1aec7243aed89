package dev.authgateway.gateway;

import java.util.ArrayList;
import java.util.List;

import org.testcontainers.postgresql.PostgreSQLContainer;

import dev.authgateway.testsupport.TestDatabases;
import dev.authgateway.testsupport.TestServers;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts gateways as they run in production, each in an application context of its own in
 * this JVM.
 */
final class TestServices {

	private TestServices() {
	}

	/**
	 * A gateway on the named database; more arguments may follow the database settings.
	 */
	static ConfigurableApplicationContext gatewayOn(PostgreSQLContainer postgres, String database,
			String... arguments) {
		List<String> all = new ArrayList<>(TestDatabases.connectionArguments(postgres, database));
		all.addAll(List.of(arguments));
		return TestServers.start(GatewayApplication.class, all);
	}

}
