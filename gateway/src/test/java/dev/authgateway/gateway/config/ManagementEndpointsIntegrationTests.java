package dev.authgateway.gateway.config;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.authgateway.gateway.GatewayIntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The management port: liveness and readiness for orchestrators, a Prometheus scrape with
 * the gateway's own counters next to the standard HTTP and connection pool metrics, and
 * nothing else.
 */
@GatewayIntegrationTest
class ManagementEndpointsIntegrationTests {

	@Autowired
	private WebTestClient client;

	@LocalManagementPort
	private int managementPort;

	@Test
	void livenessAndReadinessAreOpenAndNothingElseButTheScrapeIsServedOnTheManagementPort() {
		WebTestClient management = management();
		management.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
		management.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
		for (String refused : new String[] { "/actuator/env", "/", "/api/public-data", "/.well-known/jwks.json" }) {
			management.get()
				.uri(refused)
				.exchange()
				.expectStatus()
				.value((status) -> assertThat(status).as(refused).isIn(401, 403, 404));
		}
	}

	@Test
	void loginsAreCountedByOutcomeNextToTheStandardMetrics() {
		double succeeded = counter("authgateway_logins_total\\{[^}]*outcome=\"success\"[^}]*}");
		double rejected = counter("authgateway_logins_total\\{[^}]*outcome=\"rejected\"[^}]*}");
		double issued = counter("authgateway_tokens_issued_total(?:\\{[^}]*})?");

		login("alice-password-1").expectStatus().isOk();
		login("not-her-password").expectStatus().isUnauthorized();

		assertThat(counter("authgateway_logins_total\\{[^}]*outcome=\"success\"[^}]*}")).isEqualTo(succeeded + 1);
		assertThat(counter("authgateway_logins_total\\{[^}]*outcome=\"rejected\"[^}]*}")).isEqualTo(rejected + 1);
		assertThat(counter("authgateway_tokens_issued_total(?:\\{[^}]*})?")).isEqualTo(issued + 1);
		assertThat(scrape()).contains("http_server_requests_seconds_count", "r2dbc_pool_",
				"authgateway_refreshes_total", "authgateway_keys_rotations_total",
				"authgateway_refresh_reuse_detected_total");
	}

	private WebTestClient.ResponseSpec login(String password) {
		return this.client.post()
			.uri("/auth/token")
			.header("X-Forwarded-For", "203.0.113.77")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("username", "alice", "password", password))
			.exchange();
	}

	private double counter(String series) {
		Matcher matcher = Pattern.compile("(?m)^" + series + " ([0-9.eE+-]+)$").matcher(scrape());
		return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
	}

	private String scrape() {
		return management().get()
			.uri("/actuator/prometheus")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
	}

	private WebTestClient management() {
		return WebTestClient.bindToServer().baseUrl("http://localhost:" + this.managementPort).build();
	}

}
