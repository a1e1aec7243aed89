package dev.authgateway.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.http.client.ReactorResourceFactory;

/**
 * Starts a service the way it runs in production, in an application context of its own in
 * the test's JVM: settings as command-line arguments, which outrank the service's
 * application.yml.
 */
public final class TestServers {

	private TestServers() {
	}

	public static ConfigurableApplicationContext start(Class<?> application, List<String> arguments) {
		return new SpringApplicationBuilder(application).initializers(TestServers::ownNettyResources)
			.run(arguments.toArray(String[]::new));
	}

	public static int port(ConfigurableApplicationContext context) {
		return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
	}

	public static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A new keys.encryption-key: 32 random bytes, base64. */
	public static String randomEncryptionKey() {
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		return Base64.getEncoder().encodeToString(key);
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

}
