package dev.authgateway.gateway.passkey;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.postgresql.PostgreSQLContainer;

import dev.authgateway.gateway.GatewayApplication;
import dev.authgateway.testsupport.TestDatabases;
import dev.authgateway.testsupport.TestServers;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Passkeys switched off after users registered some: nobody logs in with one alone or
 * registers another, but an account's passkeys still stand as its second factor.
 */
@Testcontainers
class PasskeysSwitchedOffTests {

	@Container
	static final PostgreSQLContainer postgres = TestDatabases.postgres();

	private static final String ORIGIN = "http://gateway.test";

	private static final String PASSWORD = "correct-horse-battery-7";

	@Test
	void anAccountsPasskeyStillStandsAsItsSecondFactor() {
		TestDatabases.create(postgres, "switchoff");
		String encryptionKey = TestServers.randomEncryptionKey();
		SoftwareAuthenticator authenticator = new SoftwareAuthenticator();
		try (ConfigurableApplicationContext gateway = start(encryptionKey, true)) {
			WebClient client = client(gateway);
			post(client, "/auth/register", Map.of("username", "dora", "password", PASSWORD), null);
			String access = post(client, "/auth/token", Map.of("username", "dora", "password", PASSWORD), null).body()
				.get("access_token")
				.toString();
			Map<String, Object> options = post(client, "/auth/account/passkeys/options", Map.of(), access).body();
			assertThat(post(client, "/auth/account/passkeys",
					Map.of("name", "Laptop", "credential", authenticator.register(options, ORIGIN)), access)
				.status()).isEqualTo(201);
		}

		try (ConfigurableApplicationContext gateway = start(encryptionKey, false)) {
			WebClient client = client(gateway);
			Answer login = post(client, "/auth/token", Map.of("username", "dora", "password", PASSWORD), null);
			assertThat(login.status()).isEqualTo(403);
			assertThat(login.body()).containsEntry("methods", List.of("passkey"));
			assertThat(post(client, "/auth/passkeys/options", Map.of(), null).status()).isEqualTo(404);

			Object mfaToken = login.body().get("mfa_token");
			Answer ceremony = post(client, "/auth/passkeys/options", Map.of("mfa_token", mfaToken), null);
			@SuppressWarnings("unchecked")
			Map<String, Object> publicKey = (Map<String, Object>) ceremony.body().get("publicKey");
			Answer tokens = post(
					client, "/auth/token/mfa", Map.of("mfa_token", mfaToken, "ceremony",
							ceremony.body().get("ceremony"), "credential", authenticator.assertion(publicKey, ORIGIN)),
					null);
			assertThat(tokens.status()).isEqualTo(200);
		}
	}

	private static ConfigurableApplicationContext start(String encryptionKey, boolean passkeys) {
		List<String> arguments = new ArrayList<>(TestDatabases.connectionArguments(postgres, "switchoff"));
		arguments.addAll(List.of("--server.port=0", "--management.server.port=0", "--tokens.issuer=" + ORIGIN,
				"--keys.encryption-key=" + encryptionKey, "--registration.enabled=true",
				"--passkeys.enabled=" + passkeys));
		return TestServers.start(GatewayApplication.class, arguments);
	}

	private static WebClient client(ConfigurableApplicationContext gateway) {
		return WebClient.create("http://localhost:" + gateway.getEnvironment().getProperty("local.server.port"));
	}

	@SuppressWarnings("unchecked")
	private static Answer post(WebClient client, String path, Map<String, Object> body, String access) {
		return client.post().uri(path).contentType(MediaType.APPLICATION_JSON).headers((headers) -> {
			if (access != null) {
				headers.set(HttpHeaders.AUTHORIZATION, "Bearer " + access);
			}
		})
			.bodyValue(body)
			.exchangeToMono((response) -> response.bodyToMono(Map.class)
				.map((map) -> new Answer(response.statusCode().value(), (Map<String, Object>) map))
				.defaultIfEmpty(new Answer(response.statusCode().value(), Map.of())))
			.block(Duration.ofSeconds(30));
	}

	private record Answer(int status, Map<String, Object> body) {
	}

}
