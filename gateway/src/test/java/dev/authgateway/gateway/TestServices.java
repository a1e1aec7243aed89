package dev.authgateway.gateway;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URL;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.testcontainers.postgresql.PostgreSQLContainer;

import dev.authgateway.resource.ResourceServiceApplication;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.http.client.ReactorResourceFactory;

/**
 * Starts the services the way they run in production, each in an application context of
 * its own in this JVM: settings as command-line arguments, which outrank each service's
 * application.yml.
 */
final class TestServices {

	private TestServices() {
	}

	/** A new keys.encryption-key: 32 random bytes, base64. */
	static String randomEncryptionKey() {
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		return Base64.getEncoder().encodeToString(key);
	}

	static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static void createDatabase(PostgreSQLContainer postgres, String name) throws SQLException {
		try (Connection connection = postgres.createConnection("");
				Statement statement = connection.createStatement()) {
			statement.execute("create database " + name);
		}
	}

	/**
	 * A resource service on a random port, on database {@code resource}, trusting the
	 * given issuer.
	 */
	static ConfigurableApplicationContext resourceService(PostgreSQLContainer postgres, String issuer,
			String jwkSetUri) {
		return new SpringApplicationBuilder(ResourceServiceApplication.class)
			.initializers(TestServices::ownNettyResources)
			.run(
					// the gateway's application.yml comes first on this classpath; load
					// the resource service's own
					"--spring.config.location=" + resourceServiceConfig(),
					// Spring Cloud Gateway is on this classpath too, but the resource
					// service is no gateway
					"--spring.cloud.gateway.server.webflux.enabled=false", "--server.port=0",
					"--management.server.port=0", "--database.host=" + postgres.getHost(),
					"--database.port=" + postgres.getFirstMappedPort(), "--database.username=" + postgres.getUsername(),
					"--database.password=" + postgres.getPassword(), "--tokens.issuer=" + issuer,
					"--tokens.jwk-set-uri=" + jwkSetUri, "--demo.enabled=true");
	}

	/**
	 * A gateway on database {@code gateway}; more arguments may follow the database
	 * settings.
	 */
	static ConfigurableApplicationContext gateway(PostgreSQLContainer postgres, String... arguments) {
		return gatewayOn(postgres, "gateway", arguments);
	}

	/**
	 * A gateway on the named database; more arguments may follow the database settings.
	 */
	static ConfigurableApplicationContext gatewayOn(PostgreSQLContainer postgres, String database,
			String... arguments) {
		List<String> all = new ArrayList<>(List.of("--database.host=" + postgres.getHost(),
				"--database.port=" + postgres.getFirstMappedPort(), "--database.name=" + database,
				"--database.username=" + postgres.getUsername(), "--database.password=" + postgres.getPassword()));
		all.addAll(List.of(arguments));
		return new SpringApplicationBuilder(GatewayApplication.class).initializers(TestServices::ownNettyResources)
			.run(all.toArray(String[]::new));
	}

	static int port(ConfigurableApplicationContext context) {
		return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
	}

	/**
	 * Netty event loops of the context's own. By default every context in a JVM shares
	 * Reactor Netty's global ones and closing any context disposes them, which would stop
	 * the servers of every other context here.
	 */
	private static void ownNettyResources(ConfigurableApplicationContext context) {
		((GenericApplicationContext) context).registerBean(ReactorResourceFactory.class, () -> {
			ReactorResourceFactory resources = new ReactorResourceFactory();
			resources.setUseGlobalResources(false);
			return resources;
		});
	}

	/**
	 * The resource service's application.yml, from wherever its classes are (a folder or
	 * a jar).
	 */
	static String resourceServiceConfig() {
		URL location = ResourceServiceApplication.class.getProtectionDomain().getCodeSource().getLocation();
		String base = location.toString();
		return base.endsWith(".jar") ? "jar:" + base + "!/application.yml" : base + "application.yml";
	}

}
