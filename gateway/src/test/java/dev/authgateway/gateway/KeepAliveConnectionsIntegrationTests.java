package dev.authgateway.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A browser keeps its connection to the gateway open and sends the next request as soon as it has an answer.
 * When that request came before the server had finished with the one before it (answered off the event loop,
 * as a login is) and was itself answered at once (a refused token), Reactor Netty before 1.3.8 stopped reading
 * the connection: the request after that one was never answered (reactor/reactor-netty#4361; EndToEndTests
 * lost a login that way now and then).
 */
@GatewayIntegrationTest
class KeepAliveConnectionsIntegrationTests {

	private static final Pattern STATUS_LINE = Pattern.compile("HTTP/1\\.1 (\\d{3}) ");

	private static final int ANSWER_WITHIN_MILLIS = 10_000;

	@LocalServerPort
	private int port;

	@Test
	void aConnectionIsStillServedAfterALoginAndARefusedTokenSentTogether() throws IOException {
		String login = "{\"username\":\"alice\",\"password\":\"alice-password-1\"}";
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout(ANSWER_WITHIN_MILLIS);
			OutputStream out = socket.getOutputStream();
			// sent together, the second request arrives while the login is still being answered on another
			// thread; the login names an address of its own (behind the trusted proxy), so that other tests'
			// failed logins do not throttle it
			out.write(("POST /auth/token HTTP/1.1\r\nHost: localhost\r\nX-Forwarded-For: 198.19.0.13\r\n"
					+ "Content-Type: application/json\r\n"
					+ "Content-Length: " + login.length() + "\r\n\r\n" + login
					+ "GET /api/protected-data HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer not-a-token\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			StringBuilder received = new StringBuilder();
			InputStream in = socket.getInputStream();
			readUntil(in, received, 2);
			assertThat(statuses(received)).containsExactly("200", "401");

			out.write("GET /.well-known/jwks.json HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			readUntil(in, received, 3);

			assertThat(statuses(received)).containsExactly("200", "401", "200");
		}
	}

	/** Reads until that many status lines have come, or the connection has ended. */
	private static void readUntil(InputStream in, StringBuilder received, int responses) throws IOException {
		byte[] buffer = new byte[8192];
		while (statuses(received).length < responses) {
			int read;
			try {
				read = in.read(buffer);
			}
			catch (SocketTimeoutException ex) {
				throw new AssertionError("No answer within " + ANSWER_WITHIN_MILLIS + " ms; so far: " + received, ex);
			}
			if (read < 0) {
				break;
			}
			received.append(new String(buffer, 0, read, StandardCharsets.US_ASCII));
		}
	}

	private static String[] statuses(CharSequence received) {
		return STATUS_LINE.matcher(received).results().map((result) -> result.group(1)).toArray(String[]::new);
	}

}
