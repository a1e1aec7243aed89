package dev.authgateway.local;

import java.nio.file.Files;
import java.nio.file.Path;

import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * Serves the built single-page app as nginx does in the images: the files, index.html for
 * every other path (the app's routes), and the same Content-Security-Policy. On loopback
 * only; the gateway is the way in.
 */
final class SpaFiles implements AutoCloseable {

	private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
			+ "form-action 'self'; frame-ancestors 'none'";

	private final DisposableServer server;

	private SpaFiles(DisposableServer server) {
		this.server = server;
	}

	static SpaFiles serve(Path root) {
		Path index = root.resolve("index.html");
		if (!Files.isRegularFile(index)) {
			throw new IllegalStateException(
					index + " is missing: build the app first (cd frontend && npm ci && npx ng build)");
		}
		Path base = root.toAbsolutePath().normalize();
		DisposableServer server = HttpServer.create().host("127.0.0.1").port(0).handle((request, response) -> {
			String path = request.fullPath();
			Path file = base.resolve(path.startsWith("/") ? path.substring(1) : path).normalize();
			boolean isFile = file.startsWith(base) && Files.isRegularFile(file);
			Path served = isFile ? file : base.resolve("index.html");
			return response.header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
				.header("X-Content-Type-Options", "nosniff")
				.header("Referrer-Policy", "no-referrer")
				.header("Content-Type", contentType(served))
				.header("Cache-Control",
						isFile && !served.endsWith("index.html") ? "public, max-age=31536000, immutable" : "no-cache")
				.sendFile(served);
		}).bindNow();
		return new SpaFiles(server);
	}

	int port() {
		return this.server.port();
	}

	private static String contentType(Path file) {
		String name = file.getFileName().toString();
		int dot = name.lastIndexOf('.');
		return switch ((dot < 0) ? "" : name.substring(dot + 1)) {
			case "html" -> "text/html; charset=utf-8";
			case "js", "mjs" -> "text/javascript; charset=utf-8";
			case "css" -> "text/css; charset=utf-8";
			case "json", "webmanifest" -> "application/json";
			case "svg" -> "image/svg+xml";
			case "png" -> "image/png";
			case "ico" -> "image/x-icon";
			case "woff2" -> "font/woff2";
			case "txt" -> "text/plain; charset=utf-8";
			default -> "application/octet-stream";
		};
	}

	@Override
	public void close() {
		this.server.disposeNow();
	}

}
