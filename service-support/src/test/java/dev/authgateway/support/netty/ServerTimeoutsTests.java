package dev.authgateway.support.netty;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.web.server.WebServer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real Reactor Netty server with short timeouts, and clients that stop talking to it.
 */
class ServerTimeoutsTests {

	private WebServer server;

	@BeforeEach
	void start() {
		NettyReactiveWebServerFactory factory = new NettyReactiveWebServerFactory(0);
		factory.addServerCustomizers(
				new ServerTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(2)).customizer());
		this.server = factory.getWebServer((request, response) -> DataBufferUtils.join(request.getBody())
			.doOnNext(DataBufferUtils::release)
			.then(Mono.defer(() -> {
				response.setStatusCode(HttpStatus.NO_CONTENT);
				return response.setComplete();
			})));
		this.server.start();
	}

	@AfterEach
	void stop() {
		this.server.stop();
	}

	@Test
	void aRequestWhoseHeadersNeverFinishIsClosed() throws IOException {
		try (Socket socket = connect()) {
			send(socket, "POST /items HTTP/1.1\r\nHost: localhost\r\nContent-Ty");

			assertThat(readUntilClosed(socket)).isEmpty();
		}
	}

	@Test
	void aRequestWhoseBodyStopsHalfWayIsClosed() throws IOException {
		try (Socket socket = connect()) {
			send(socket, "POST /items HTTP/1.1\r\nHost: localhost\r\nContent-Length: 100\r\n\r\n{\"half\":");

			assertThat(readUntilClosed(socket)).doesNotContain("204");
		}
	}

	@Test
	void anIdleKeepAliveConnectionIsClosedAfterItsAnswer() throws IOException {
		try (Socket socket = connect()) {
			send(socket, "POST /items HTTP/1.1\r\nHost: localhost\r\nContent-Length: 2\r\n\r\n{}");

			assertThat(readUntilClosed(socket)).startsWith("HTTP/1.1 204");
		}
	}

	private Socket connect() throws IOException {
		Socket socket = new Socket("127.0.0.1", this.server.getPort());
		// well past the timeouts: a connection still open by then was never going to be
		// closed
		socket.setSoTimeout(8_000);
		return socket;
	}

	private static void send(Socket socket, String text) throws IOException {
		OutputStream out = socket.getOutputStream();
		out.write(text.getBytes(StandardCharsets.US_ASCII));
		out.flush();
	}

	/**
	 * What the server sent before it closed the connection; fails the test if it never
	 * closes it.
	 */
	private static String readUntilClosed(Socket socket) throws IOException {
		StringBuilder received = new StringBuilder();
		byte[] buffer = new byte[1024];
		InputStream in = socket.getInputStream();
		try {
			for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
				received.append(new String(buffer, 0, read, StandardCharsets.US_ASCII));
			}
		}
		catch (SocketTimeoutException ex) {
			throw new AssertionError("The server kept the connection open; received: " + received, ex);
		}
		catch (java.net.SocketException reset) {
			// closed with a reset: closed all the same
		}
		return received.toString();
	}

}
