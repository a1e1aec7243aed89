package dev.authgateway.gateway.token;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.oauth2.sdk.dpop.DefaultDPoPProofFactory;
import com.nimbusds.oauth2.sdk.id.JWTID;
import com.nimbusds.openid.connect.sdk.Nonce;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.postgresql.PostgreSQLContainer;

import dev.authgateway.gateway.GatewayApplication;
import dev.authgateway.testsupport.TestDatabases;
import dev.authgateway.testsupport.TestServers;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With server nonces required (RFC 9449 section 8), two gateways on one database: a proof
 * without a nonce is answered with the nonce to use, and a nonce one replica handed out
 * is good at the other.
 */
@Testcontainers
class DPoPNonceTests {

	private static final URI TOKEN = URI.create("http://gateway.test/auth/token");

	@Container
	static final PostgreSQLContainer postgres = TestDatabases.postgres();

	private static final String ENCRYPTION_KEY = TestServers.randomEncryptionKey();

	private static ConfigurableApplicationContext first;

	private static ConfigurableApplicationContext second;

	@BeforeAll
	static void startTwoReplicas() {
		TestDatabases.create(postgres, "nonces");
		first = start();
		second = start();
	}

	@AfterAll
	static void stop() {
		second.close();
		first.close();
	}

	@Test
	void aProofWithoutANonceGetsUseDpopNonceWithTheNonceToUse() throws Exception {
		ResponseEntity<Map> refused = login(client(first), proof(newKey(), null));

		assertThat(refused.getStatusCode().value()).isEqualTo(400);
		assertThat(refused.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(refused.getBody()).containsEntry("error", "use_dpop_nonce");
		assertThat(refused.getHeaders().getFirst("DPoP-Nonce")).isNotBlank();
	}

	@Test
	void aStandardClientGetsUseDpopNonceInTheFormOfRfc6749() throws Exception {
		LinkedMultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		form.add("grant_type", "password");
		form.add("username", "alice");
		form.add("password", "alice-password-1");

		ResponseEntity<Map> refused = client(first).post()
			.uri("/auth/token")
			.header("DPoP", proof(newKey(), null))
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.body(BodyInserters.fromFormData(form))
			.retrieve()
			.onStatus((status) -> true, (response) -> reactor.core.publisher.Mono.empty())
			.toEntity(Map.class)
			.block(Duration.ofSeconds(30));

		assertThat(refused.getStatusCode().value()).isEqualTo(400);
		assertThat(refused.getBody()).containsEntry("error", "use_dpop_nonce");
		assertThat(refused.getHeaders().getFirst("DPoP-Nonce")).isNotBlank();
	}

	@Test
	void aProofWithTheNonceOneReplicaGaveGetsABoundTokenAtTheOtherAndTheNextNonce() throws Exception {
		ECKey key = newKey();
		String nonce = login(client(first), proof(key, null)).getHeaders().getFirst("DPoP-Nonce");

		ResponseEntity<Map> tokens = login(client(second), proof(key, nonce));

		assertThat(tokens.getStatusCode().value()).isEqualTo(200);
		assertThat(tokens.getBody()).containsEntry("token_type", "DPoP");
		assertThat(tokens.getHeaders().getFirst("DPoP-Nonce")).isNotBlank();
	}

	@Test
	void aNonceThisServerNeverGaveIsRefusedWithTheOneToUse() throws Exception {
		ResponseEntity<Map> refused = login(client(first), proof(newKey(), "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"));

		assertThat(refused.getBody()).containsEntry("error", "use_dpop_nonce");
		assertThat(refused.getHeaders().getFirst("DPoP-Nonce")).isNotEqualTo("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
	}

	private static ConfigurableApplicationContext start() {
		List<String> arguments = new ArrayList<>(TestDatabases.connectionArguments(postgres, "nonces"));
		arguments.addAll(List.of("--server.port=0", "--management.server.port=0", "--tokens.issuer=http://gateway.test",
				"--keys.encryption-key=" + ENCRYPTION_KEY, "--demo.enabled=true", "--tokens.dpop.nonce.required=true"));
		return TestServers.start(GatewayApplication.class, arguments);
	}

	private static WebClient client(ConfigurableApplicationContext gateway) {
		return WebClient.create("http://localhost:" + gateway.getEnvironment().getProperty("local.server.port"));
	}

	private static ECKey newKey() throws Exception {
		return new ECKeyGenerator(Curve.P_256).generate();
	}

	private static String proof(ECKey key, String nonce) throws Exception {
		return new DefaultDPoPProofFactory(key, JWSAlgorithm.ES256)
			.createDPoPJWT(new JWTID(), "POST", TOKEN, new Date(), null, (nonce != null) ? new Nonce(nonce) : null)
			.serialize();
	}

	private static ResponseEntity<Map> login(WebClient client, String proof) {
		return client.post()
			.uri("/auth/token")
			.header("DPoP", proof)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("username", "alice", "password", "alice-password-1"))
			.retrieve()
			.onStatus((status) -> true, (response) -> reactor.core.publisher.Mono.empty())
			.toEntity(Map.class)
			.block(Duration.ofSeconds(30));
	}

}
