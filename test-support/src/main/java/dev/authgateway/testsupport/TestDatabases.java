package dev.authgateway.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import org.testcontainers.postgresql.PostgreSQLContainer;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The PostgreSQL every test runs against: the release the services are built for, in one
 * place, and each service's database made as deploy/postgres makes it: owned by a role
 * that migrates the schema, used by another that may only read and write the tables.
 */
public final class TestDatabases {

	/**
	 * The image, as the compose deployment and the project's Docker stand-ins name it.
	 */
	public static final String POSTGRES_IMAGE = "postgres:17-alpine";

	private static final String TLS = "/tmp/tls";

	private static final String OWNER_PASSWORD = "test-owner-password";

	private static final String APP_PASSWORD = "test-app-password";

	private TestDatabases() {
	}

	/**
	 * A new database in the container, owned by {@code NAME_owner} (who migrates it); its
	 * tables are read and written by {@code NAME_app}, who can change no schema.
	 */
	public static void create(PostgreSQLContainer postgres, String name) {
		String owner = name + "_owner";
		String app = name + "_app";
		execute(postgres, "", "create role " + owner + " login password '" + OWNER_PASSWORD + "'",
				"create role " + app + " login password '" + APP_PASSWORD + "'",
				"create database " + name + " owner " + owner, "revoke all on database " + name + " from public",
				"grant connect, temporary on database " + name + " to " + app);
		// what the owner creates from now on, the app role may use, and nothing more
		execute(postgres, name, "revoke create on schema public from public", "grant usage on schema public to " + app,
				"alter default privileges for role " + owner
						+ " in schema public grant select, insert, update, delete on tables to " + app,
				"alter default privileges for role " + owner + " in schema public grant usage, select on sequences to "
						+ app);
	}

	/** The settings that point a service at one database of the container. */
	public static List<String> connectionArguments(PostgreSQLContainer postgres, String database) {
		return List.of("--database.host=" + postgres.getHost(), "--database.port=" + postgres.getFirstMappedPort(),
				"--database.name=" + database, "--database.username=" + database + "_app",
				"--database.password=" + APP_PASSWORD, "--database.migration-username=" + database + "_owner",
				"--database.migration-password=" + OWNER_PASSWORD);
	}

	/**
	 * Makes the database (once per container) and points the application context at it,
	 * for a test whose context Spring makes.
	 */
	public static void register(DynamicPropertyRegistry registry, PostgreSQLContainer postgres, String database) {
		if (!exists(postgres, database)) {
			create(postgres, database);
		}
		for (String argument : connectionArguments(postgres, database)) {
			String[] setting = argument.substring(2).split("=", 2);
			registry.add(setting[0], () -> setting[1]);
		}
	}

	/**
	 * A new container, not started: a test's extension or its application context starts
	 * and stops it.
	 */
	public static PostgreSQLContainer postgres() {
		return new PostgreSQLContainer(POSTGRES_IMAGE);
	}

	/**
	 * A new container, not started, that accepts TLS connections only, with a certificate
	 * it makes for localhost when it starts; {@link #tlsAuthority} copies it out for the
	 * clients to check the server against.
	 */
	public static PostgreSQLContainer postgresRequiringTls() {
		return postgres().withCommand("sh", "-c", String.join(" && ", "mkdir -p " + TLS, "cd " + TLS,
				"openssl req -new -x509 -days 1 -nodes -subj /CN=localhost"
						+ " -addext subjectAltName=DNS:localhost,IP:127.0.0.1 -keyout server.key -out server.crt",
				"printf 'local all all trust\\nhostssl all all all scram-sha-256\\nhostnossl all all all reject\\n'"
						+ " > pg_hba.conf",
				"chown -R postgres " + TLS, "chmod 600 server.key",
				"exec docker-entrypoint.sh postgres -c fsync=off -c ssl=on -c ssl_cert_file=" + TLS + "/server.crt"
						+ " -c ssl_key_file=" + TLS + "/server.key -c hba_file=" + TLS + "/pg_hba.conf"));
	}

	/**
	 * The certificate of a container made by {@link #postgresRequiringTls}, written to
	 * the given file.
	 */
	public static Path tlsAuthority(PostgreSQLContainer postgres, Path file) {
		postgres.copyFileFromContainer(TLS + "/server.crt", (in) -> Files.copy(in, file));
		return file;
	}

	/** A connection to one database of the container as its superuser. */
	public static Connection superuser(PostgreSQLContainer postgres, String database) throws SQLException {
		String url = postgres.getJdbcUrl().replaceFirst("/[^/?]+(\\?|$)", "/" + database + "$1");
		return DriverManager.getConnection(url, postgres.getUsername(), postgres.getPassword());
	}

	/**
	 * A connection to one database of the container as the role the services run with.
	 */
	public static Connection app(PostgreSQLContainer postgres, String database) throws SQLException {
		String url = postgres.getJdbcUrl().replaceFirst("/[^/?]+(\\?|$)", "/" + database + "$1");
		return DriverManager.getConnection(url, database + "_app", APP_PASSWORD);
	}

	private static boolean exists(PostgreSQLContainer postgres, String database) {
		try (Connection connection = postgres.createConnection("");
				Statement statement = connection.createStatement();
				var found = statement.executeQuery("select 1 from pg_database where datname = '" + database + "'")) {
			return found.next();
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void execute(PostgreSQLContainer postgres, String database, String... statements) {
		try (Connection connection = database.isEmpty() ? postgres.createConnection("") : superuser(postgres, database);
				Statement statement = connection.createStatement()) {
			for (String sql : statements) {
				statement.execute(sql);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot make database " + database, ex);
		}
	}

}
