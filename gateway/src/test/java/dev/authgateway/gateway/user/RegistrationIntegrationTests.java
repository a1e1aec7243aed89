package dev.authgateway.gateway.user;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.authgateway.gateway.GatewayIntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

@GatewayIntegrationTest
class RegistrationIntegrationTests {

	@Autowired
	private WebTestClient client;

	@Autowired
	private UserRepository users;

	@Test
	void aNewUserCanRegisterAndThenLogInWithTheUserRole() {
		String username = "dave-" + UUID.randomUUID().toString().substring(0, 8);

		register(username, "violet staircase under rain").expectStatus()
			.isCreated()
			.expectBody()
			.jsonPath("$.id")
			.exists()
			.jsonPath("$.username")
			.isEqualTo(username);

		this.client.post()
			.uri("/auth/token")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("username", username, "password", "violet staircase under rain"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.scope")
			.isEqualTo("data:read data:write");
	}

	@Test
	void aTakenUsernameIsAConflictWhateverItsCase() {
		register("ALICE", "violet staircase under rain").expectStatus()
			.isEqualTo(409)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void aWeakPasswordIsRefusedWithTheReasonAndCreatesNoUser() {
		String username = "erin-" + UUID.randomUUID().toString().substring(0, 8);

		register(username, "password1234").expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("password")
			.jsonPath("$.errors[0].message")
			.value((message) -> org.assertj.core.api.Assertions.assertThat(message.toString()).contains("too common"));
		register(username, "short").expectStatus().isBadRequest();

		org.assertj.core.api.Assertions.assertThat(this.users.findByUsername(username).blockOptional()).isEmpty();
	}

	@Test
	void usernamesAreLimitedToASafeAlphabet() {
		register("bad name<script>", "violet staircase under rain").expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("username");
	}

	private WebTestClient.ResponseSpec register(String username, String password) {
		return this.client.post()
			.uri("/auth/register")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("username", username, "password", password))
			.exchange();
	}

}
