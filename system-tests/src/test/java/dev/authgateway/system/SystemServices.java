package dev.authgateway.system;

import java.net.URL;
import java.util.ArrayList;
import java.util.List;

import org.testcontainers.postgresql.PostgreSQLContainer;

import dev.authgateway.gateway.GatewayApplication;
import dev.authgateway.resource.ResourceServiceApplication;
import dev.authgateway.testsupport.TestDatabases;
import dev.authgateway.testsupport.TestServers;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * Both services, each in an application context of its own in this JVM, started as in
 * production. Both jars are on this classpath, each with its application.yml: the
 * resource service is told where its own is.
 */
final class SystemServices {

	private SystemServices() {
	}

	/**
	 * A resource service on a random port, on database {@code resource}, trusting the
	 * given issuer.
	 */
	static ConfigurableApplicationContext resourceService(PostgreSQLContainer postgres, String issuer,
			String jwkSetUri) {
		List<String> arguments = new ArrayList<>(TestDatabases.connectionArguments(postgres, "resource"));
		arguments.addAll(List.of("--spring.config.location=" + resourceServiceConfig(),
				// Spring Cloud Gateway is on this classpath too, but the resource service
				// is no gateway
				"--spring.cloud.gateway.server.webflux.enabled=false", "--server.port=0", "--management.server.port=0",
				"--tokens.issuer=" + issuer, "--tokens.jwk-set-uri=" + jwkSetUri, "--demo.enabled=true"));
		return TestServers.start(ResourceServiceApplication.class, arguments);
	}

	/**
	 * A gateway on database {@code gateway}; more arguments may follow the database
	 * settings.
	 */
	static ConfigurableApplicationContext gateway(PostgreSQLContainer postgres, String... arguments) {
		List<String> all = new ArrayList<>(TestDatabases.connectionArguments(postgres, "gateway"));
		all.addAll(List.of(arguments));
		return TestServers.start(GatewayApplication.class, all);
	}

	/**
	 * The resource service's application.yml, from wherever its classes are (a folder or
	 * a jar).
	 */
	static String resourceServiceConfig() {
		return configOf(ResourceServiceApplication.class);
	}

	/** The gateway's application.yml, from wherever its classes are. */
	static String gatewayConfig() {
		return configOf(GatewayApplication.class);
	}

	private static String configOf(Class<?> application) {
		URL location = application.getProtectionDomain().getCodeSource().getLocation();
		String base = location.toString();
		return base.endsWith(".jar") ? "jar:" + base + "!/application.yml" : base + "application.yml";
	}

}
