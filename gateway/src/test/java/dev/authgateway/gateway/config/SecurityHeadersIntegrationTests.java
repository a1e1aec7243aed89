package dev.authgateway.gateway.config;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.authgateway.gateway.GatewayIntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Headers on what the gateway serves itself, CORS open to configured origins only, and
 * what the logs never contain.
 */
@GatewayIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class SecurityHeadersIntegrationTests {

	@Autowired
	private WebTestClient client;

	@Test
	void theTokenServiceSendsStrictSecurityHeaders() {
		this.client.get()
			.uri("/.well-known/jwks.json")
			.exchange()
			.expectHeader()
			.valueEquals("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'")
			.expectHeader()
			.valueEquals("X-Content-Type-Options", "nosniff")
			.expectHeader()
			.valueEquals("X-Frame-Options", "DENY")
			.expectHeader()
			.valueEquals("Referrer-Policy", "no-referrer")
			.expectHeader()
			.doesNotExist("Strict-Transport-Security");
	}

	@Test
	void hstsIsSentWhenTheRequestCameOverHttps() {
		this.client.get()
			.uri("/.well-known/jwks.json")
			.header("X-Forwarded-Proto", "https")
			.exchange()
			.expectHeader()
			.valueEquals("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
	}

	@Test
	void corsIsClosedToOtherOrigins() {
		this.client.method(HttpMethod.OPTIONS)
			.uri("/auth/token")
			.header(HttpHeaders.ORIGIN, "https://evil.example")
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "content-type")
			.exchange()
			.expectHeader()
			.doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
		this.client.post()
			.uri("/auth/token")
			.header(HttpHeaders.ORIGIN, "https://evil.example")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("username", "alice", "password", "alice-password-1"))
			.exchange()
			.expectHeader()
			.doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
	}

	@Test
	void aConfiguredOriginMayCallWithBearerTokensButNeverWithCredentials() {
		this.client.method(HttpMethod.OPTIONS)
			.uri("/auth/admin/users")
			.header(HttpHeaders.ORIGIN, "https://app.example.test")
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "GET")
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "authorization")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "https://app.example.test")
			.expectHeader()
			.doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS);
		this.client.get()
			.uri("/.well-known/jwks.json")
			.header(HttpHeaders.ORIGIN, "https://app.example.test")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "https://app.example.test");
	}

	@Test
	void anAppOnAConfiguredOriginCanReadTheDPoPNonceAndTheChallenges() {
		this.client.post()
			.uri("/auth/token")
			.header(HttpHeaders.ORIGIN, "https://app.example.test")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("username", "nobody-from-elsewhere", "password", "not-a-password"))
			.exchange()
			.expectHeader()
			.value(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS,
					(exposed) -> org.assertj.core.api.Assertions.assertThat(exposed)
						.contains("DPoP-Nonce", "WWW-Authenticate", "Retry-After"));
	}

	@Test
	void failedLoginsAreLoggedWithUserAndAddressButPasswordsAndTokensNever(CapturedOutput output) {
		String password = "Secret-" + System.nanoTime();
		this.client.post()
			.uri("/auth/token")
			.header("X-Forwarded-For", "203.0.113.77")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("username", "bob", "password", password))
			.exchange()
			.expectStatus()
			.isUnauthorized();
		Map<?, ?> tokens = this.client.post()
			.uri("/auth/token")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("username", "bob", "password", "bob-password-1"))
			.exchange()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();

		// bob by his id: a name typed at login is never logged
		assertThat(output).contains("Failed login for user 22222222-2222-4222-8222-222222222222 from 203.0.113.77")
			.doesNotContain(password)
			.doesNotContain("bob-password-1")
			.doesNotContain(tokens.get("access_token").toString())
			.doesNotContain(tokens.get("refresh_token").toString());
	}

}
