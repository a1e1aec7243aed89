package dev.authgateway.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The whole system on one machine with only a JDK: an embedded PostgreSQL (data kept in
 * {@code .local/postgres}), the resource service, the gateway and the built app, all on
 * loopback, demo switch on; http://localhost:8080 is the way in, as with compose. Ctrl-C
 * stops everything, in reverse order. Started by {@code ./run-local} from the
 * repository's root, which builds what is missing first.
 */
public final class LocalSystem {

	private static final int DATABASE_PORT = 15432;

	private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

	private LocalSystem() {
	}

	public static void main(String[] args) throws Exception {
		Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
		Path home = root.resolve(".local");
		Files.createDirectories(home);
		Deque<AutoCloseable> running = new ArrayDeque<>();
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			stopAll(running);
			stopped.countDown();
		}, "local-system-stop"));
		try {
			say("starting PostgreSQL (data in " + root.relativize(home.resolve("postgres")) + ")");
			LocalDatabase database = LocalDatabase.start(home.resolve("postgres"), DATABASE_PORT);
			running.push(database);
			SpaFiles spa = SpaFiles.serve(root.resolve("frontend/dist/frontend/browser"));
			running.push(spa);

			say("starting the resource service");
			ServiceProcess resourceService = ServiceProcess.start("resource-service",
					root.resolve("resource-service/target/resource-service-0.1.0-SNAPSHOT-exec.jar"),
					common(database, "resource"), 9081, home.resolve("logs"));
			running.push(resourceService);
			resourceService.awaitReady(START_TIMEOUT);

			say("starting the gateway");
			Map<String, String> gateway = common(database, "gateway");
			gateway.put("ROUTES_RESOURCE_SERVICE_URI", "http://127.0.0.1:8081");
			gateway.put("ROUTES_FRONTEND_URI", "http://127.0.0.1:" + spa.port());
			gateway.put("REGISTRATION_ENABLED", "true");
			ServiceProcess gatewayProcess = ServiceProcess.start("gateway",
					root.resolve("gateway/target/gateway-0.1.0-SNAPSHOT-exec.jar"), gateway, 9080,
					home.resolve("logs"));
			running.push(gatewayProcess);
			gatewayProcess.awaitReady(START_TIMEOUT);

			say("ready: open http://localhost:8080 and log in as alice / alice-password-1 (or bob, or admin / "
					+ "admin-password-1)");
			say("logs: " + root.relativize(gatewayProcess.log()) + ", " + root.relativize(resourceService.log())
					+ "; Ctrl-C stops everything");
		}
		catch (Exception ex) {
			say("could not start: " + ex.getMessage());
			System.exit(1);
		}
		stopped.await();
	}

	private static Map<String, String> common(LocalDatabase database, String name) {
		Map<String, String> environment = new HashMap<>();
		environment.put("DEMO_ENABLED", "true");
		environment.put("DATABASE_HOST", "127.0.0.1");
		environment.put("DATABASE_PORT", Integer.toString(database.port()));
		environment.put("DATABASE_NAME", name);
		environment.put("DATABASE_USERNAME", name);
		environment.put("TOKENS_ISSUER", "http://localhost:8080");
		environment.put("TOKENS_JWK_SET_URI", "http://127.0.0.1:8080/.well-known/jwks.json");
		// the embedded database trusts local connections: no password exists to pass on
		environment.put("DATABASE_PASSWORD", "");
		return environment;
	}

	private static void stopAll(Deque<AutoCloseable> running) {
		if (!running.isEmpty()) {
			say("stopping");
		}
		while (!running.isEmpty()) {
			try {
				running.pop().close();
			}
			catch (Exception ex) {
				say("while stopping: " + ex.getMessage());
			}
		}
	}

	private static void say(String line) {
		System.out.println("[local-run] " + line);
	}

}
