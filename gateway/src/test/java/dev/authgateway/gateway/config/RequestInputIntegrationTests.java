package dev.authgateway.gateway.config;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;

import dev.authgateway.gateway.GatewayIntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the token service does with bodies that are too large, text it must not store and
 * names it must not log.
 */
@GatewayIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class RequestInputIntegrationTests {

	@Autowired
	private WebTestClient client;

	@Test
	void aChunkedBodyOverSixteenKibibytesToTheTokenServiceIsRefusedWith413() {
		String json = "{\"username\":\"alice\",\"password\":\"" + "x".repeat(17 * 1024) + "\"}";
		// in pieces and without a Content-Length, so only the codecs' limit can stop it
		Flux<DataBuffer> chunks = Flux.range(0, json.length() / 1024 + 1)
			.map((i) -> json.substring(i * 1024, Math.min(json.length(), (i + 1) * 1024)))
			.map((piece) -> DefaultDataBufferFactory.sharedInstance.wrap(piece.getBytes(StandardCharsets.UTF_8)));

		this.client.post()
			.uri("/auth/token")
			.contentType(MediaType.APPLICATION_JSON)
			.body(BodyInserters.fromDataBuffers(chunks))
			.exchange()
			.expectStatus()
			.isEqualTo(413)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void aNulCharacterInARegistrationIsRefusedByNameAndCreatesNoAccount() {
		this.client.post()
			.uri("/auth/register")
			.header("X-Forwarded-For", "198.19.7.7")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"username\":\"nul-user\",\"password\":\"a long\\u0000 passphrase here\"}")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("password");
	}

	@Test
	void aFailedLoginNeverLogsTheTypedUsername(CapturedOutput output) {
		String typed = "my-Secret-Passw0rd-" + UUID.randomUUID().toString().substring(0, 8);

		this.client.post()
			.uri("/auth/token")
			.header("X-Forwarded-For", "198.19.8.8")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("username", typed, "password", "whatever-it-was"))
			.exchange()
			.expectStatus()
			.isUnauthorized();

		assertThat(output.getAll()).contains("Failed login").doesNotContain(typed);
	}

	@Test
	void swaggerUiIsServedWithAContentSecurityPolicyThatAllowsNoOtherOrigin() {
		this.client.get()
			.uri("/swagger-ui/index.html")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.value("Content-Security-Policy",
					(csp) -> assertThat(csp).contains("default-src 'self'")
						.contains("frame-ancestors 'none'")
						.doesNotContain("*"));
	}

}
