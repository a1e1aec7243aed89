package dev.authgateway.gateway;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.postgresql.PostgreSQLContainer;

import dev.authgateway.testsupport.TestDatabases;
import dev.authgateway.testsupport.TestServers;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Against a PostgreSQL that accepts TLS connections only, with a certificate this test
 * makes for localhost: the gateway migrates and serves over TLS that checks the server
 * (verify-full against the certificate's authority), and a connection without TLS is
 * refused.
 */
@Testcontainers
class DatabaseTlsTests {

	@Container
	static final PostgreSQLContainer postgres = TestDatabases.postgresRequiringTls();

	@Test
	void theGatewayMigratesAndServesOverVerifiedTlsAndPlainConnectionsAreRefused(@TempDir Path folder)
			throws Exception {
		Path authority = TestDatabases.tlsAuthority(postgres, folder.resolve("server.crt"));
		assertThatExceptionOfType(SQLException.class).as("the server takes no plain connection")
			.isThrownBy(() -> DriverManager
				.getConnection(postgres.getJdbcUrl() + "&sslmode=disable", postgres.getUsername(),
						postgres.getPassword())
				.close());
		TestDatabases.create(postgres, "tls");

		try (ConfigurableApplicationContext gateway = TestServices.gatewayOn(postgres, "tls", "--server.port=0",
				"--management.server.port=0", "--tokens.issuer=http://gateway.test",
				"--keys.encryption-key=" + TestServers.randomEncryptionKey(), "--demo.enabled=true",
				"--database.ssl-mode=verify-full", "--database.ssl-root-cert=" + authority)) {
			Map<?, ?> tokens = WebClient.create("http://localhost:" + TestServers.port(gateway))
				.post()
				.uri("/auth/token")
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(Map.of("username", "alice", "password", "alice-password-1"))
				.retrieve()
				.bodyToMono(Map.class)
				.block(Duration.ofSeconds(30));
			assertThat(tokens.get("access_token")).isNotNull();
			try (Connection connection = TestDatabases.superuser(postgres, "tls");
					Statement statement = connection.createStatement();
					ResultSet sessions = statement.executeQuery("""
							select count(*) filter (where not ssl), count(*) from pg_stat_ssl
							join pg_stat_activity using (pid) where usename = 'tls_app'""")) {
				sessions.next();
				assertThat(sessions.getLong(2)).as("the gateway's sessions").isPositive();
				assertThat(sessions.getLong(1)).as("of them without TLS").isZero();
			}
		}
	}

}
