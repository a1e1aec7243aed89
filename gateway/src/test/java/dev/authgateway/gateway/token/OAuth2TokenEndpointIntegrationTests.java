package dev.authgateway.gateway.token;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.authgateway.gateway.GatewayIntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RFC 6749 form requests at the token endpoint, as any OAuth client library sends them:
 * the password and refresh token grants, and errors in section 5.2's shape.
 */
@GatewayIntegrationTest
class OAuth2TokenEndpointIntegrationTests {

	private static final AtomicInteger ADDRESSES = new AtomicInteger();

	@Autowired
	private WebTestClient client;

	@Test
	@SuppressWarnings("unchecked")
	void thePasswordGrantGivesTokensWithTheRefreshTokenInTheBody() {
		Map<String, Object> tokens = form("grant_type", "password", "username", "alice", "password", "alice-password-1",
				"client_id", "web")
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentType(MediaType.APPLICATION_JSON)
			.expectHeader()
			.cacheControl(org.springframework.http.CacheControl.noStore())
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();

		assertThat(tokens).containsKeys("access_token", "refresh_token", "expires_in", "scope")
			.containsEntry("token_type", "Bearer");
	}

	@Test
	void theRefreshTokenGrantSpendsTheTokenAndASpentOneIsAnInvalidGrant() {
		Object refreshToken = form("grant_type", "password", "username", "bob", "password", "bob-password-1")
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody()
			.get("refresh_token");
		form("grant_type", "refresh_token", "refresh_token", refreshToken.toString()).expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.refresh_token")
			.exists();

		oauthError(form("grant_type", "refresh_token", "refresh_token", refreshToken.toString()), 400, "invalid_grant");
	}

	@Test
	void aWrongPasswordIsAnInvalidGrant() {
		oauthError(form("grant_type", "password", "username", "alice", "password", "not-her-password"), 400,
				"invalid_grant");
	}

	@Test
	void anotherGrantTypeIsUnsupported() {
		oauthError(form("grant_type", "client_credentials"), 400, "unsupported_grant_type");
	}

	@Test
	void aMissingGrantTypeOrParameterIsAnInvalidRequest() {
		oauthError(form("username", "alice", "password", "alice-password-1"), 400, "invalid_request");
		oauthError(form("grant_type", "password", "username", "alice"), 400, "invalid_request");
		oauthError(form("grant_type", "refresh_token"), 400, "invalid_request");
	}

	@Test
	void aRepeatedParameterIsAnInvalidRequest() {
		MultiValueMap<String, String> repeated = new LinkedMultiValueMap<>();
		repeated.add("grant_type", "password");
		repeated.add("username", "alice");
		repeated.add("username", "bob");
		repeated.add("password", "alice-password-1");
		oauthError(post(repeated), 400, "invalid_request");
	}

	@Test
	void anotherClientIdIsAnInvalidClient() {
		oauthError(form("grant_type", "password", "username", "alice", "password", "alice-password-1", "client_id",
				"someone-else"), 400, "invalid_client");
	}

	@Test
	void aJsonLoginStillAnswersWithProblemDetails() {
		this.client.post()
			.uri("/auth/token")
			.header("X-Forwarded-For", nextAddress())
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("username", "alice", "password", "not-her-password"))
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void aThrottledAddressIsToldWhenToComeBack() {
		String address = nextAddress();
		String username = "nobody-" + UUID.randomUUID().toString().substring(0, 8);
		org.springframework.test.web.reactive.server.EntityExchangeResult<Map> last = null;
		for (int i = 0; i < 12 && (last == null || last.getStatus().value() != 429); i++) {
			last = post(params("grant_type", "password", "username", username, "password", "wrong-password-1"), address)
				.expectBody(Map.class)
				.returnResult();
		}

		assertThat(last.getStatus().value()).isEqualTo(429);
		assertThat(last.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isNotBlank();
		assertThat(last.getResponseBody()).containsEntry("error", "temporarily_unavailable");
	}

	private void oauthError(WebTestClient.ResponseSpec response, int status, String error) {
		response.expectStatus()
			.isEqualTo(status)
			.expectHeader()
			.contentType(MediaType.APPLICATION_JSON)
			.expectBody()
			.jsonPath("$.error")
			.isEqualTo(error)
			.jsonPath("$.error_description")
			.isNotEmpty();
	}

	private WebTestClient.ResponseSpec form(String... nameValues) {
		return post(params(nameValues));
	}

	private static MultiValueMap<String, String> params(String... nameValues) {
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		for (int i = 0; i < nameValues.length; i += 2) {
			form.add(nameValues[i], nameValues[i + 1]);
		}
		return form;
	}

	private WebTestClient.ResponseSpec post(MultiValueMap<String, String> form) {
		return post(form, nextAddress());
	}

	private WebTestClient.ResponseSpec post(MultiValueMap<String, String> form, String address) {
		return this.client.post()
			.uri("/auth/token")
			.header("X-Forwarded-For", address)
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.body(BodyInserters.fromFormData(form))
			.exchange();
	}

	private static String nextAddress() {
		int address = ADDRESSES.incrementAndGet();
		return "10.57." + (address / 250) + "." + (address % 250 + 1);
	}

}
