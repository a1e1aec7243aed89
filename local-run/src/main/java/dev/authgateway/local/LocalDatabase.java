package dev.authgateway.local;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL from Maven Central's binaries, its data kept in a folder between
 * runs, listening on loopback only. Each service gets its own database and login, as
 * deploy/postgres makes them for compose. Local connections are trusted (initdb's default
 * here), so no password is needed or stored.
 */
final class LocalDatabase implements AutoCloseable {

	private final EmbeddedPostgres postgres;

	private LocalDatabase(EmbeddedPostgres postgres) {
		this.postgres = postgres;
	}

	static LocalDatabase start(Path dataDirectory, int port) throws IOException, SQLException {
		EmbeddedPostgres postgres = EmbeddedPostgres.builder()
			.setDataDirectory(dataDirectory)
			.setCleanDataDirectory(false)
			.setPort(port)
			.setServerConfig("listen_addresses", "127.0.0.1")
			.start();
		LocalDatabase database = new LocalDatabase(postgres);
		database.createIfAbsent("gateway");
		database.createIfAbsent("resource");
		return database;
	}

	int port() {
		return this.postgres.getPort();
	}

	private void createIfAbsent(String name) throws SQLException {
		try (Connection connection = this.postgres.getPostgresDatabase().getConnection()) {
			if (!exists(connection, "select 1 from pg_roles where rolname = ?", name)) {
				try (Statement statement = connection.createStatement()) {
					statement.execute("create role " + name + " login");
				}
			}
			if (!exists(connection, "select 1 from pg_database where datname = ?", name)) {
				try (Statement statement = connection.createStatement()) {
					statement.execute("create database " + name + " owner " + name);
				}
			}
		}
	}

	private static boolean exists(Connection connection, String query, String name) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(query)) {
			statement.setString(1, name);
			try (ResultSet result = statement.executeQuery()) {
				return result.next();
			}
		}
	}

	@Override
	public void close() throws IOException {
		this.postgres.close();
	}

}
