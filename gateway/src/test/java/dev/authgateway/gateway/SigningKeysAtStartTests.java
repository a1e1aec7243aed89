package dev.authgateway.gateway;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.postgresql.PostgreSQLContainer;

import dev.authgateway.testsupport.TestDatabases;
import dev.authgateway.testsupport.TestServers;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * The signing keys are ready when the gateway is, and keys it cannot open stop its start.
 */
@Testcontainers
@ExtendWith(OutputCaptureExtension.class)
class SigningKeysAtStartTests {

	@Container
	static final PostgreSQLContainer postgres = TestDatabases.postgres();

	@Test
	void aNewDatabaseHasItsActiveKeyBeforeTheFirstRequestAndItsNextKeyJustAfter() throws Exception {
		TestDatabases.create(postgres, "fresh");

		try (ConfigurableApplicationContext gateway = start("fresh", TestServers.randomEncryptionKey())) {
			assertThat(keyStates("fresh")).contains("active");
			for (int i = 0; i < 100 && keyStates("fresh").size() < 2; i++) {
				Thread.sleep(100);
			}
			assertThat(keyStates("fresh")).containsExactlyInAnyOrder("active", "next");
		}
	}

	@Test
	void aNewDatabasesFirstPublishedKeySetAlreadyHoldsTheNextKey() throws Exception {
		TestDatabases.create(postgres, "firstfetch");

		try (ConfigurableApplicationContext gateway = start("firstfetch", TestServers.randomEncryptionKey())) {
			// a verifier that fetched the set now, before the next key exists, would keep
			// it for its refetch
			// interval and refuse the tokens of a rotation in that time
			String port = gateway.getEnvironment().getProperty("local.server.port");
			Map<?, ?> published = WebClient.create("http://localhost:" + port)
				.get()
				.uri("/.well-known/jwks.json")
				.retrieve()
				.bodyToMono(Map.class)
				.block(Duration.ofSeconds(10));

			assertThat((List<?>) published.get("keys")).hasSize(2);
			assertThat(keyStates("firstfetch")).containsExactlyInAnyOrder("active", "next");
		}
	}

	@Test
	void onlyANewDatabasesFirstKeyIsMadeWhileTheApplicationStarts(CapturedOutput output) throws SQLException {
		TestDatabases.create(postgres, "ahead");
		String encryptionKey = TestServers.randomEncryptionKey();
		String madeAhead = "No active signing key in the database: making one while the application starts";

		start("ahead", encryptionKey).close();
		assertThat(output.getAll()).containsOnlyOnce(madeAhead);

		// a restart finds its key: nothing is made ahead (a second of CPU that every
		// start would otherwise spend)
		start("ahead", encryptionKey).close();
		assertThat(output.getAll()).containsOnlyOnce(madeAhead);
	}

	@Test
	void storedKeysThatTheEncryptionKeyCannotOpenStopTheStart(CapturedOutput output) throws SQLException {
		TestDatabases.create(postgres, "rekeyed");
		start("rekeyed", TestServers.randomEncryptionKey()).close();
		String otherKey = TestServers.randomEncryptionKey();

		assertThatException().isThrownBy(() -> start("rekeyed", otherKey));

		assertThat(output.getOut() + output.getErr())
			.contains("A signing key cannot be decrypted: is keys.encryption-key the one it was encrypted with?")
			.doesNotContain(otherKey);
	}

	@Test
	void aNewEncryptionKeyWithTheOldOneAsPreviousReadsTheStoredKeysAndSealsThemAgain() throws SQLException {
		TestDatabases.create(postgres, "rotated");
		String oldKey = TestServers.randomEncryptionKey();
		String newKey = TestServers.randomEncryptionKey();
		String kid;
		try (ConfigurableApplicationContext gateway = start("rotated", oldKey)) {
			kid = activeKid(gateway);
		}

		start("rotated", newKey, "--keys.previous-encryption-keys=" + oldKey).close();

		// sealed again: the old key is no longer needed
		try (ConfigurableApplicationContext gateway = start("rotated", newKey)) {
			assertThat(activeKid(gateway)).isEqualTo(kid);
		}
	}

	@Test
	void withoutAnEncryptionKeyTheGatewayStartsOnlyWhenPlaintextKeysWereChosenAndSaysSoEachTime(CapturedOutput output)
			throws SQLException {
		TestDatabases.create(postgres, "plain");
		String plaintextWarning = "Private signing keys are stored unencrypted";

		assertThatException().isThrownBy(() -> start("plain", ""));
		assertThat(output.getOut() + output.getErr()).contains("KEYS_ENCRYPTION_KEY (keys.encryption-key) is not set");

		start("plain", "", "--keys.plaintext-allowed=true").close();
		start("plain", "", "--keys.plaintext-allowed=true").close();
		assertThat(output.getAll().split(plaintextWarning, -1)).hasSize(3);
	}

	private static ConfigurableApplicationContext start(String database, String encryptionKey, String... more) {
		List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--management.server.port=0",
				"--tokens.issuer=http://gateway.test", "--keys.encryption-key=" + encryptionKey));
		arguments.addAll(List.of(more));
		return TestServices.gatewayOn(postgres, database, arguments.toArray(String[]::new));
	}

	private static String activeKid(ConfigurableApplicationContext gateway) {
		return gateway.getBean(dev.authgateway.gateway.key.SigningKeys.class).active().block().getKeyID();
	}

	private static List<String> keyStates(String database) throws SQLException {
		List<String> states = new ArrayList<>();
		String url = postgres.getJdbcUrl().replace("/" + postgres.getDatabaseName(), "/" + database);
		try (Connection connection = DriverManager.getConnection(url, postgres.getUsername(), postgres.getPassword());
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("select state from signing_key")) {
			while (result.next()) {
				states.add(result.getString(1));
			}
		}
		return states;
	}

}
