package dev.authgateway.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One service's executable jar in a JVM of its own (as in production; the two services'
 * classpaths do not mix), its output in a log file, ready when its readiness group says
 * UP.
 */
final class ServiceProcess implements AutoCloseable {

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

	private final String name;

	private final Process process;

	private final Path log;

	private final URI readiness;

	private ServiceProcess(String name, Process process, Path log, URI readiness) {
		this.name = name;
		this.process = process;
		this.log = log;
		this.readiness = readiness;
	}

	static ServiceProcess start(String name, Path jar, Map<String, String> environment, int managementPort,
			Path logDirectory) throws IOException {
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException(jar + " is missing: build first (./mvnw -B package -DskipTests)");
		}
		Files.createDirectories(logDirectory);
		Path log = logDirectory.resolve(name + ".log");
		String java = ProcessHandle.current().info().command().orElse("java");
		ProcessBuilder builder = new ProcessBuilder(List.of(java, "-jar", jar.toString())).redirectErrorStream(true)
			.redirectOutput(log.toFile());
		builder.environment().putAll(environment);
		URI readiness = URI.create("http://127.0.0.1:" + managementPort + "/actuator/health/readiness");
		return new ServiceProcess(name, builder.start(), log, readiness);
	}

	void awaitReady(Duration timeout) throws InterruptedException {
		Instant deadline = Instant.now().plus(timeout);
		while (Instant.now().isBefore(deadline)) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException(this.name + " stopped while starting; see " + this.log);
			}
			if (ready()) {
				return;
			}
			Thread.sleep(250);
		}
		throw new IllegalStateException(
				this.name + " was not ready within " + timeout.toSeconds() + " s; see " + this.log);
	}

	private boolean ready() throws InterruptedException {
		try {
			HttpRequest request = HttpRequest.newBuilder(this.readiness).timeout(Duration.ofSeconds(1)).build();
			return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
		}
		catch (IOException ex) {
			return false;
		}
	}

	Path log() {
		return this.log;
	}

	/**
	 * SIGTERM: the service shuts down gracefully (requests in flight finish), then the
	 * JVM ends.
	 */
	@Override
	public void close() throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(20, TimeUnit.SECONDS)) {
			this.process.destroyForcibly().waitFor();
		}
	}

}
