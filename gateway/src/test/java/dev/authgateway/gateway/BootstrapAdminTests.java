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
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The first admin of a deployment without demo users, from the bootstrap settings: made
 * when no enabled admin exists, with a password that must be changed (how gateways that
 * start together make only one: BootstrapAdminRaceTests).
 */
@Testcontainers
@ExtendWith(OutputCaptureExtension.class)
class BootstrapAdminTests {

	@Container
	static final PostgreSQLContainer postgres = TestDatabases.postgres();

	private static final String PASSWORD = "first-admin-temporary-1";

	@Test
	void anEmptyDatabaseGetsTheAdminWhosePasswordOnlyLetsItChooseAnother() throws Exception {
		TestDatabases.create(postgres, "bootstrap");

		try (ConfigurableApplicationContext gateway = start("bootstrap", TestServers.randomEncryptionKey())) {
			assertThat(admins("bootstrap")).containsExactly("root|true");

			Map<String, Object> problem = login(gateway, "root", PASSWORD);
			assertThat(problem.get("error")).isEqualTo("password_change_required");
			assertThat(problem.get("change_token")).isNotNull();
			assertThat(problem).doesNotContainKey("access_token");
		}
	}

	@Test
	void anEnabledAdminMeansNoBootstrapAdmin(CapturedOutput output) throws SQLException {
		TestDatabases.create(postgres, "hasadmin");
		String encryptionKey = TestServers.randomEncryptionKey();
		start("hasadmin", encryptionKey).close();
		start("hasadmin", encryptionKey, "another").close();

		assertThat(admins("hasadmin")).containsExactly("root|true");
		assertThat(output.getAll()).contains("An enabled admin exists: the bootstrap admin settings are not needed")
			.doesNotContain(PASSWORD);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> login(ConfigurableApplicationContext gateway, String username, String password) {
		String port = gateway.getEnvironment().getProperty("local.server.port");
		return WebClient.create("http://localhost:" + port)
			.post()
			.uri("/auth/token")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("username", username, "password", password))
			.exchangeToMono((response) -> {
				assertThat(response.statusCode()).isEqualTo(HttpStatusCode.valueOf(403));
				return response.bodyToMono(Map.class);
			})
			.block(Duration.ofSeconds(30));
	}

	private static ConfigurableApplicationContext start(String database, String encryptionKey) {
		return start(database, encryptionKey, "root");
	}

	private static ConfigurableApplicationContext start(String database, String encryptionKey, String admin) {
		return TestServices.gatewayOn(postgres, database, "--server.port=0", "--management.server.port=0",
				"--tokens.issuer=http://gateway.test", "--keys.encryption-key=" + encryptionKey,
				"--bootstrap.admin-username=" + admin, "--bootstrap.admin-password=" + PASSWORD);
	}

	private static List<String> admins(String database) throws SQLException {
		List<String> admins = new ArrayList<>();
		String url = postgres.getJdbcUrl().replace("/" + postgres.getDatabaseName(), "/" + database);
		try (Connection connection = DriverManager.getConnection(url, postgres.getUsername(), postgres.getPassword());
				Statement statement = connection.createStatement();
				ResultSet result = statement
					.executeQuery("select username, password_temporary from app_user where role = 'ADMIN'")) {
			while (result.next()) {
				admins.add(result.getString(1) + "|" + result.getBoolean(2));
			}
		}
		return admins;
	}

}
