package dev.authgateway.gateway.user;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.postgresql.PostgreSQLContainer;
import reactor.core.publisher.Flux;

import dev.authgateway.gateway.GatewayApplication;
import dev.authgateway.gateway.audit.AuditLog;
import dev.authgateway.testsupport.TestDatabases;
import dev.authgateway.testsupport.TestServers;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many gateways deciding at the same moment whether to create the bootstrap admin, on a
 * database without one: exactly one creates it and every other finds it, none mistakes it
 * for a clash with another account's name.
 */
@Testcontainers
class BootstrapAdminRaceTests {

	@Container
	static final PostgreSQLContainer postgres = TestDatabases.postgres();

	@Test
	void ofEightDecisionsAtOnceOneCreatesTheAdminAndTheOthersFindIt() {
		TestDatabases.create(postgres, "race");
		List<String> arguments = new ArrayList<>(TestDatabases.connectionArguments(postgres, "race"));
		arguments.addAll(List.of("--server.port=0", "--management.server.port=0", "--tokens.issuer=http://gateway.test",
				"--keys.encryption-key=" + TestServers.randomEncryptionKey()));
		try (ConfigurableApplicationContext gateway = TestServers.start(GatewayApplication.class, arguments)) {
			List<BootstrapAdmin> gateways = new ArrayList<>();
			for (int i = 0; i < 8; i++) {
				gateways.add(new BootstrapAdmin(gateway.getBean(DatabaseClient.class),
						gateway.getBean(TransactionalOperator.class), gateway.getBean(PasswordHashing.class),
						gateway.getBean(AuditLog.class), "root", "first-admin-temporary-1"));
			}
			String hash = gateway.getBean(PasswordHashing.class).hash("first-admin-temporary-1").block();

			List<BootstrapAdmin.Outcome> outcomes = Flux.fromIterable(gateways)
				.flatMap((admin) -> admin.createUnlessAnAdminExists(hash))
				.collectList()
				.block();

			assertThat(outcomes).containsOnlyOnce(BootstrapAdmin.Outcome.CREATED)
				.doesNotContain(BootstrapAdmin.Outcome.NAME_TAKEN)
				.hasSize(8);
		}
	}

}
