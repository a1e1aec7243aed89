package dev.authgateway.gateway.mfa;

import java.time.Duration;
import java.time.Instant;
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
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A role that requires a second factor: its users without one get no tokens, only a token
 * to set one up, whose first code completes the login.
 */
@Testcontainers
class RequiredSecondFactorTests {

	@Container
	static final PostgreSQLContainer postgres = TestDatabases.postgres();

	private static final String NEW_PASSWORD = "an-admin-password-of-mine";

	@Test
	void anAdminWithoutASecondFactorGetsNoTokensUntilTheyHaveSetOneUp() {
		TestDatabases.create(postgres, "required");
		List<String> arguments = new ArrayList<>(TestDatabases.connectionArguments(postgres, "required"));
		arguments.addAll(List.of("--server.port=0", "--management.server.port=0", "--tokens.issuer=http://gateway.test",
				"--keys.encryption-key=" + TestServers.randomEncryptionKey(), "--bootstrap.admin-username=root",
				"--bootstrap.admin-password=first-admin-temporary-1", "--mfa.required-roles=ADMIN"));
		try (ConfigurableApplicationContext gateway = TestServers.start(GatewayApplication.class, arguments)) {
			WebClient client = WebClient
				.create("http://localhost:" + gateway.getEnvironment().getProperty("local.server.port"));
			Answer changeRequired = post(client, "/auth/token",
					Map.of("username", "root", "password", "first-admin-temporary-1"));
			Answer enrolmentRequired = post(client, "/auth/token/password",
					Map.of("change_token", changeRequired.body().get("change_token"), "newPassword", NEW_PASSWORD));
			assertThat(enrolmentRequired.status()).isEqualTo(403);
			assertThat(enrolmentRequired.body()).containsEntry("error", "mfa_enrollment_required")
				.doesNotContainKey("access_token");
			Object mfaToken = enrolmentRequired.body().get("mfa_token");

			assertThat(post(client, "/auth/token/mfa", Map.of("mfa_token", mfaToken, "totp", "123456")).status())
				.isEqualTo(401);
			Answer secret = post(client, "/auth/token/mfa/totp", Map.of("mfa_token", mfaToken));
			assertThat(secret.status()).isEqualTo(200);
			byte[] key = AuthenticatorApp.secretOf(secret.body().get("secret").toString());
			String code = Totp.code(key, Totp.stepAt(Instant.now()));
			String wrong = code.equals("000000") ? "000001" : "000000";
			assertThat(
					post(client, "/auth/token/mfa/totp/confirm", Map.of("mfa_token", mfaToken, "code", wrong)).status())
				.isEqualTo(400);
			Answer loggedIn = post(client, "/auth/token/mfa/totp/confirm", Map.of("mfa_token", mfaToken, "code", code));

			assertThat(loggedIn.status()).isEqualTo(200);
			assertThat(loggedIn.body()).containsKey("access_token");
			assertThat((List<?>) loggedIn.body().get("recovery_codes")).hasSize(10);
			assertThat(
					post(client, "/auth/token/mfa/totp/confirm", Map.of("mfa_token", mfaToken, "code", code)).status())
				.isEqualTo(401);
			assertThat(post(client, "/auth/token", Map.of("username", "root", "password", NEW_PASSWORD)).body())
				.containsEntry("error", "mfa_required");

			// nor can the admin remove the one factor the role requires
			int removal = client.delete()
				.uri("/auth/account/totp")
				.header("Authorization", "Bearer " + loggedIn.body().get("access_token"))
				.exchangeToMono((response) -> reactor.core.publisher.Mono.just(response.statusCode().value()))
				.block(Duration.ofSeconds(30));
			assertThat(removal).isEqualTo(409);
			assertThat(post(client, "/auth/token", Map.of("username", "root", "password", NEW_PASSWORD)).body())
				.containsEntry("error", "mfa_required");
		}
	}

	@SuppressWarnings("unchecked")
	private static Answer post(WebClient client, String path, Map<String, Object> body) {
		return client.post()
			.uri(path)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchangeToMono((response) -> response.bodyToMono(Map.class)
				.map((map) -> new Answer(response.statusCode().value(), (Map<String, Object>) map)))
			.block(Duration.ofSeconds(30));
	}

	private record Answer(int status, Map<String, Object> body) {
	}

}
