package dev.authgateway.gateway.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.authgateway.gateway.GatewayIntegrationTest;
import dev.authgateway.testsupport.DemoUsers;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Security events land in the audit log beside admin actions, queryable by admins and
 * kept for a while.
 */
@GatewayIntegrationTest
class AuditTrailIntegrationTests {

	@Autowired
	private WebTestClient client;

	@Autowired
	private DatabaseClient database;

	@Autowired
	private AuditRetention retention;

	private String adminToken;

	@BeforeEach
	void logInAsAdmin() {
		this.adminToken = tokens("admin", "admin-password-1", "198.19.20.1").get("access_token").toString();
	}

	@Test
	void aFailedLoginUnderANameThatMatchedNobodyIsRecordedWithoutTheNameInClear() {
		String typed = "nobody-" + UUID.randomUUID().toString().substring(0, 8);

		login(typed, "some-password", "198.19.20.2").expectStatus().isUnauthorized();

		List<Map<String, Object>> failed = audit("action=login.failed&size=100");
		assertThat(failed).noneMatch((event) -> String.valueOf(event.get("actorUsername")).contains(typed))
			.anyMatch((event) -> String.valueOf(event.get("actorUsername")).startsWith("name#")
					&& "198.19.20.2".equals(event.get("clientAddress")));
	}

	@Test
	void anAccountsFailedAndSuccessfulLoginsAreRecordedAgainstIt() {
		login("bob", "wrong-password", "198.19.20.3").expectStatus().isUnauthorized();
		login("bob", "bob-password-1", "198.19.20.3").expectStatus().isOk();

		List<Map<String, Object>> bobs = audit("actor=bob&from=" + Instant.now().minusSeconds(60) + "&size=2");
		assertThat(bobs).extracting((event) -> event.get("action")).containsExactly("login.succeeded", "login.failed");
		assertThat(bobs).allSatisfy((event) -> assertThat(event).containsEntry("target", DemoUsers.BOB.toString())
			.containsEntry("actorId", DemoUsers.BOB.toString()));
	}

	@Test
	void aThrottledLoginIsRecorded() {
		String address = "198.19.21." + (int) (Math.random() * 200);
		for (int i = 0; i < 7; i++) {
			login("alice", "wrong-password", address).returnResult(Void.class);
		}

		assertThat(audit("action=login.throttled&size=100"))
			.anyMatch((event) -> address.equals(event.get("clientAddress")));
	}

	@Test
	void aReusedRefreshTokenIsRecordedWithItsFamily() {
		String first = tokens("alice", "alice-password-1", "198.19.20.4").get("refresh_token").toString();
		refresh(first).expectStatus().isOk();

		refresh(first).expectStatus().isUnauthorized();

		assertThat(audit("action=refresh.reuse_detected&actor=" + DemoUsers.ALICE + "&size=1")).singleElement()
			.satisfies((event) -> assertThat(event.get("target")).isNotNull());
	}

	@Test
	void aFilterThatIsNoInstantIsABadRequest() {
		as(this.adminToken).get()
			.uri("/auth/admin/audit?from=yesterday")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("from");
	}

	@Test
	void recordsOlderThanTheRetentionAreDeleted() {
		String old = "old-" + UUID.randomUUID();
		String recent = "recent-" + UUID.randomUUID();
		insert(old, Instant.now().minus(Duration.ofDays(91)));
		insert(recent, Instant.now().minus(Duration.ofDays(89)));

		this.retention.purge().block(Duration.ofSeconds(10));

		assertThat(count(old)).isZero();
		assertThat(count(recent)).isOne();
	}

	private void insert(String target, Instant at) {
		this.database.sql("""
				insert into audit_event (at, actor_username, client_address, action, target)
				values (:at, 'test', '127.0.0.1', 'test.event', :target)""")
			.bind("at", at)
			.bind("target", target)
			.then()
			.block();
	}

	private long count(String target) {
		return this.database.sql("select count(*) as n from audit_event where target = :target")
			.bind("target", target)
			.map((row, metadata) -> row.get("n", Long.class))
			.one()
			.block();
	}

	private List<Map<String, Object>> audit(String query) {
		Map<String, Object> page = as(this.adminToken).get()
			.uri("/auth/admin/audit?" + query)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
			})
			.returnResult()
			.getResponseBody();
		@SuppressWarnings("unchecked")
		List<Map<String, Object>> content = (List<Map<String, Object>>) page.get("content");
		return content;
	}

	private WebTestClient as(String accessToken) {
		return this.client.mutate().defaultHeaders((headers) -> headers.setBearerAuth(accessToken)).build();
	}

	private WebTestClient.ResponseSpec login(String username, String password, String address) {
		return this.client.post()
			.uri("/auth/token")
			.header("X-Forwarded-For", address)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("username", username, "password", password))
			.exchange();
	}

	private Map<String, Object> tokens(String username, String password, String address) {
		return login(username, password, address).expectStatus()
			.isOk()
			.expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
			})
			.returnResult()
			.getResponseBody();
	}

	private WebTestClient.ResponseSpec refresh(String refreshToken) {
		return this.client.post()
			.uri("/auth/refresh")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("refresh_token", refreshToken))
			.exchange();
	}

}
