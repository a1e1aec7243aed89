package dev.authgateway.gateway;

import org.junit.jupiter.api.Test;

import dev.authgateway.testsupport.RawHttpConnection;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A browser keeps its connection to the gateway open and sends the next request as soon
 * as it has an answer. When that request came before the server had finished with the one
 * before it (answered off the event loop, as a login is) and was itself answered at once
 * (a refused token), Reactor Netty before 1.3.8 stopped reading the connection: the
 * request after that one was never answered (reactor/reactor-netty#4361; EndToEndTests
 * lost a login that way now and then).
 */
@GatewayIntegrationTest
class KeepAliveConnectionsIntegrationTests {

	@LocalServerPort
	private int port;

	@Test
	void aConnectionIsStillServedAfterALoginAndARefusedTokenSentTogether() {
		String login = "{\"username\":\"alice\",\"password\":\"alice-password-1\"}";
		try (RawHttpConnection connection = new RawHttpConnection(this.port)) {
			// sent together, the second request arrives while the login is still being
			// answered on another
			// thread; the login names an address of its own (behind the trusted proxy),
			// so that other tests'
			// failed logins do not throttle it
			connection.send("POST /auth/token HTTP/1.1\r\nHost: localhost\r\nX-Forwarded-For: 198.19.0.13\r\n"
					+ "Content-Type: application/json\r\n" + "Content-Length: " + login.length() + "\r\n\r\n" + login
					+ "GET /api/protected-data HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer not-a-token\r\n\r\n");
			assertThat(connection.statusesOnceThereAre(2)).containsExactly("200", "401");

			connection.send("GET /.well-known/jwks.json HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

			assertThat(connection.statusesOnceThereAre(3)).containsExactly("200", "401", "200");
		}
	}

}
