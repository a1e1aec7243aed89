package dev.authgateway.gateway;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.postgresql.PostgreSQLContainer;

import dev.authgateway.testsupport.TestDatabases;
import dev.authgateway.testsupport.TestServers;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A failed login costs the primary at most two writes: a password guesser's load on the
 * database grows with its guesses, so each one must stay cheap. PostgreSQL counts them
 * (pg_stat_statements: statements that wrote to the write-ahead log).
 */
@Testcontainers
class FailedLoginWritesTests {

	private static final int LOGINS = 20;

	@Container
	static final PostgreSQLContainer postgres = TestDatabases.postgres()
		.withCommand("postgres", "-c", "shared_preload_libraries=pg_stat_statements");

	@Test
	void aFailedLoginWritesAtMostTwice() throws Exception {
		TestDatabases.create(postgres, "writes");
		try (ConfigurableApplicationContext gateway = TestServices.gatewayOn(postgres, "writes", "--server.port=0",
				"--management.server.port=0", "--tokens.issuer=http://gateway.test",
				"--keys.encryption-key=" + TestServers.randomEncryptionKey(), "--demo.enabled=true",
				"--throttling.trusted-proxies=127.0.0.1,::1")) {
			WebClient client = WebClient
				.create("http://localhost:" + gateway.getEnvironment().getProperty("local.server.port"));
			execute("create extension if not exists pg_stat_statements");
			login(client, "alice", 0);
			// a new database's next signing key is made just after the start: that write
			// is done before counting
			awaitNextSigningKey();
			execute("select pg_stat_statements_reset()");

			for (int i = 1; i <= LOGINS; i++) {
				// a known user with a wrong password and an unknown one, each from its
				// own address
				assertThat(login(client, (i % 2 == 0) ? "alice" : "nobody-" + i, i)).isEqualTo(401);
			}

			long writes = writes();
			assertThat(writes).as("each failed login is counted and audited").isGreaterThanOrEqualTo(LOGINS);
			assertThat(writes / (double) LOGINS).as("writes per failed login, by statement: %s", statements())
				.isLessThanOrEqualTo(2.0);
		}
	}

	private static int login(WebClient client, String username, int address) {
		return client.post()
			.uri("/auth/token")
			.header("X-Forwarded-For", "198.51.100." + (address + 1))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("username", username, "password", "not-the-password"))
			.exchangeToMono((response) -> response.releaseBody().thenReturn(response.statusCode().value()))
			.block(Duration.ofSeconds(30));
	}

	private static final String WRITING_STATEMENTS = """
			from pg_stat_statements
			where dbid = (select oid from pg_database where datname = 'writes') and wal_records > 0""";

	/**
	 * Calls of the statements that wrote to the write-ahead log on the gateway's
	 * database.
	 */
	private static long writes() throws SQLException {
		try (Connection connection = TestDatabases.superuser(postgres, "writes");
				Statement statement = connection.createStatement();
				ResultSet sum = statement.executeQuery("select coalesce(sum(calls), 0) " + WRITING_STATEMENTS)) {
			sum.next();
			return sum.getLong(1);
		}
	}

	private static Map<String, Long> statements() throws SQLException {
		Map<String, Long> calls = new LinkedHashMap<>();
		try (Connection connection = TestDatabases.superuser(postgres, "writes");
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("select query, calls " + WRITING_STATEMENTS)) {
			while (rows.next()) {
				calls.put(rows.getString(1), rows.getLong(2));
			}
		}
		return calls;
	}

	private static void awaitNextSigningKey() throws Exception {
		long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while (System.nanoTime() < until) {
			try (Connection connection = TestDatabases.superuser(postgres, "writes");
					Statement statement = connection.createStatement();
					ResultSet next = statement.executeQuery("select 1 from signing_key where state = 'next'")) {
				if (next.next()) {
					return;
				}
			}
			Thread.sleep(100);
		}
		throw new AssertionError("the gateway made no next signing key in 60 s");
	}

	private static void execute(String sql) throws SQLException {
		try (Connection connection = TestDatabases.superuser(postgres, "writes");
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

}
