package dev.authgateway.system;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;

/**
 * Stands in for an OpenTelemetry collector: takes every OTLP/HTTP export, answers it as a
 * collector does, and keeps the path and body of each.
 */
final class OtlpCollector implements AutoCloseable {

	private final HttpServer server;

	private final List<Export> exports = new CopyOnWriteArrayList<>();

	OtlpCollector() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/", (exchange) -> {
			try (InputStream body = exchange.getRequestBody()) {
				this.exports.add(new Export(exchange.getRequestURI().getPath(), body.readAllBytes()));
			}
			exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
			exchange.sendResponseHeaders(200, -1);
			exchange.close();
		});
		this.server.start();
	}

	String address() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	/**
	 * The path of the first export that carries a span of the given trace (its id is in
	 * the protobuf body as 16 raw bytes), waiting for it up to the given time.
	 */
	String awaitTrace(String traceId, Duration wait) throws InterruptedException {
		byte[] id = HexFormat.of().parseHex(traceId);
		long until = System.nanoTime() + wait.toNanos();
		while (System.nanoTime() < until) {
			for (Export export : this.exports) {
				if (contains(export.body(), id)) {
					return export.path();
				}
			}
			Thread.sleep(100);
		}
		throw new AssertionError("no span of trace " + traceId + " was exported in " + wait + "; exports: "
				+ this.exports.stream().map(Export::path).toList());
	}

	/** Whether any export so far carries a span of the given trace. */
	boolean hasTrace(String traceId) {
		byte[] id = HexFormat.of().parseHex(traceId);
		return this.exports.stream().anyMatch((export) -> contains(export.body(), id));
	}

	/** Whether any export so far holds the given text. */
	boolean holds(String text) {
		byte[] part = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
		return this.exports.stream().anyMatch((export) -> contains(export.body(), part));
	}

	private static boolean contains(byte[] body, byte[] part) {
		outer: for (int i = 0; i + part.length <= body.length; i++) {
			for (int j = 0; j < part.length; j++) {
				if (body[i + j] != part[j]) {
					continue outer;
				}
			}
			return true;
		}
		return false;
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	private record Export(String path, byte[] body) {
	}

}
