package dev.authgateway.gateway.token;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.oauth2.sdk.dpop.DefaultDPoPProofFactory;
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

/** With DPoP required, the token service issues no bearer token at all. */
@Testcontainers
class DPoPRequiredTests {

	@Container
	static final PostgreSQLContainer postgres = TestDatabases.postgres();

	@Test
	void aLoginWithoutAProofGetsNoTokensAndOneWithAProofGetsABoundToken() throws Exception {
		TestDatabases.create(postgres, "required");
		List<String> arguments = new ArrayList<>(TestDatabases.connectionArguments(postgres, "required"));
		arguments.addAll(List.of("--server.port=0", "--management.server.port=0", "--tokens.issuer=http://gateway.test",
				"--keys.encryption-key=" + TestServers.randomEncryptionKey(), "--demo.enabled=true",
				"--tokens.dpop.required=true"));
		try (ConfigurableApplicationContext gateway = TestServers.start(GatewayApplication.class, arguments)) {
			WebClient client = WebClient
				.create("http://localhost:" + gateway.getEnvironment().getProperty("local.server.port"));

			Map<?, ?> refused = login(client, null);
			assertThat(refused.get("status")).isEqualTo(400);
			assertThat(refused.get("error")).isEqualTo("invalid_dpop_proof");

			String proof = new DefaultDPoPProofFactory(new ECKeyGenerator(Curve.P_256).generate(), JWSAlgorithm.ES256)
				.createDPoPJWT("POST", URI.create("http://gateway.test/auth/token"))
				.serialize();
			assertThat(login(client, proof).get("token_type")).isEqualTo("DPoP");
		}
	}

	private static Map<?, ?> login(WebClient client, String proof) {
		return client.post().uri("/auth/token").headers((headers) -> {
			if (proof != null) {
				headers.set("DPoP", proof);
			}
		})
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("username", "alice", "password", "alice-password-1"))
			.exchangeToMono((response) -> response.bodyToMono(Map.class))
			.block(Duration.ofSeconds(30));
	}

}
