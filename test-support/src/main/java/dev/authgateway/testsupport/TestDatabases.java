package dev.authgateway.testsupport;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The PostgreSQL every test runs against: the release the services are built for, in one
 * place.
 */
public final class TestDatabases {

	/**
	 * The image, as the compose deployment and the project's Docker stand-ins name it.
	 */
	public static final String POSTGRES_IMAGE = "postgres:17-alpine";

	private TestDatabases() {
	}

	/** A new database in the container. */
	public static void create(PostgreSQLContainer postgres, String name) {
		try (Connection connection = postgres.createConnection("");
				Statement statement = connection.createStatement()) {
			statement.execute("create database " + name);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot create database " + name, ex);
		}
	}

	/** The settings that point a service at one database of the container. */
	public static List<String> connectionArguments(PostgreSQLContainer postgres, String database) {
		return List.of("--database.host=" + postgres.getHost(), "--database.port=" + postgres.getFirstMappedPort(),
				"--database.name=" + database, "--database.username=" + postgres.getUsername(),
				"--database.password=" + postgres.getPassword());
	}

	/**
	 * A new container, not started: a test's extension or its application context starts
	 * and stops it.
	 */
	public static PostgreSQLContainer postgres() {
		return new PostgreSQLContainer(POSTGRES_IMAGE);
	}

}
