package dev.authgateway.gateway.admin;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testcontainers.postgresql.PostgreSQLContainer;

import dev.authgateway.gateway.GatewayIntegrationTest;
import dev.authgateway.testsupport.DemoUsers;
import dev.authgateway.testsupport.TestDatabases;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin API through HTTP against PostgreSQL: what each action changes, and what it
 * writes to the audit log.
 */
@GatewayIntegrationTest
class AdminApiIntegrationTests {

	private static final UUID ADMIN_ID = DemoUsers.ADMIN;

	private static final String PASSWORD = "correct-horse-battery-7";

	private static final AtomicInteger ADDRESSES = new AtomicInteger();

	@Autowired
	private WebTestClient client;

	@Autowired
	private DatabaseClient database;

	@Autowired
	private PostgreSQLContainer postgres;

	private String adminToken;

	@BeforeEach
	void logInAsAdmin() {
		this.adminToken = token("admin", "admin-password-1", "access_token");
	}

	@Test
	void adminsFindUsersByAnyPartOfTheirNameInAnyCase() {
		String suffix = suffix();
		UUID first = register("Searchable-" + suffix + "-one");
		UUID second = register("searchable-" + suffix + "-two");
		register("other-" + suffix);

		Map<String, Object> page = asAdmin().get()
			.uri("/auth/admin/users?q=SEARCHABLE-" + suffix + "&size=1")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
			})
			.returnResult()
			.getResponseBody();

		assertThat((List<?>) page.get("content")).singleElement()
			.asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
			.containsEntry("id", first.toString())
			.containsEntry("username", "Searchable-" + suffix + "-one")
			.containsEntry("roles", List.of("USER"))
			.containsEntry("enabled", true)
			.containsKey("createdAt");
		assertThat(page.get("page")).isEqualTo(Map.of("number", 0, "size", 1, "totalElements", 2, "totalPages", 2));
		asAdmin().get()
			.uri("/auth/admin/users/" + second)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.username")
			.isEqualTo("searchable-" + suffix + "-two")
			.jsonPath("$.password_hash")
			.doesNotExist()
			.jsonPath("$.passwordHash")
			.doesNotExist();
	}

	@Test
	void aSearchTreatsWildcardsAsPlainCharacters() {
		String suffix = suffix();
		register("wild-" + suffix);

		asAdmin().get()
			.uri("/auth/admin/users?q=w_ld-%25" + suffix)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.page.totalElements")
			.isEqualTo(0);
	}

	@Test
	void disablingAUserEndsTheirSessionsAndLoginsUntilEnabledAgain() {
		String username = "disabled-" + suffix();
		UUID id = register(username);
		String refreshToken = token(username, PASSWORD, "refresh_token");

		asAdmin().post()
			.uri("/auth/admin/users/" + id + "/disable")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.enabled")
			.isEqualTo(false);

		refresh(refreshToken).expectStatus().isUnauthorized();
		login(username, PASSWORD).expectStatus().isUnauthorized();
		assertThat(lastAuditEvent()).containsEntry("action", "user.disabled")
			.containsEntry("target", id.toString())
			.containsEntry("actorId", ADMIN_ID.toString())
			.containsEntry("actorUsername", "admin");

		asAdmin().post().uri("/auth/admin/users/" + id + "/enable").exchange().expectStatus().isOk();

		login(username, PASSWORD).expectStatus().isOk();
		assertThat(lastAuditEvent()).containsEntry("action", "user.enabled").containsEntry("target", id.toString());
	}

	@Test
	void aRoleChangeShowsInTheUsersNextTokenAndIsAudited() {
		String username = "promoted-" + suffix();
		UUID id = register(username);
		String refreshToken = token(username, PASSWORD, "refresh_token");

		asAdmin().put()
			.uri("/auth/admin/users/" + id + "/roles")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("roles", List.of("ADMIN")))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.roles[0]")
			.isEqualTo("ADMIN");

		refresh(refreshToken).expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.scope")
			.isEqualTo("data:read data:write admin");
		assertThat(lastAuditEvent()).containsEntry("action", "user.role_changed")
			.containsEntry("detail", "USER -> ADMIN");
	}

	@Test
	void revokingAUsersSessionsEndsEveryOneOfThem() {
		String username = "revoked-" + suffix();
		UUID id = register(username);
		String first = token(username, PASSWORD, "refresh_token");
		String second = token(username, PASSWORD, "refresh_token");

		asAdmin().delete()
			.uri("/auth/admin/users/" + id + "/sessions")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.revoked")
			.isEqualTo(2);

		refresh(first).expectStatus().isUnauthorized();
		refresh(second).expectStatus().isUnauthorized();
		login(username, PASSWORD).expectStatus().isOk();
		assertThat(lastAuditEvent()).containsEntry("action", "user.sessions_revoked")
			.containsEntry("detail", "2 session(s)");
	}

	@Test
	void aKeyRotationIsAuditedWithTheKeyThatSignsNow() {
		String kid = asAdmin().post()
			.uri("/auth/admin/keys/rotate")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody()
			.get("active_kid")
			.toString();

		assertThat(lastAuditEvent()).containsEntry("action", "keys.rotated").containsEntry("target", kid);
	}

	@Test
	void aDisabledAdminCannotEnableThemselvesAgainWithTheTokenTheyStillHold() {
		String username = "second-admin-" + suffix();
		UUID secondAdmin = register(username);
		promote(secondAdmin);
		String secondAdminToken = token(username, PASSWORD, "access_token");

		asAdmin().post().uri("/auth/admin/users/" + secondAdmin + "/disable").exchange().expectStatus().isOk();

		as(secondAdminToken).post()
			.uri("/auth/admin/users/" + secondAdmin + "/enable")
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		as(secondAdminToken).get().uri("/auth/admin/users").exchange().expectStatus().isForbidden();
		login(username, PASSWORD).expectStatus().isUnauthorized();
		asAdmin().get()
			.uri("/auth/admin/users/" + secondAdmin)
			.exchange()
			.expectBody()
			.jsonPath("$.enabled")
			.isEqualTo(false);
	}

	@Test
	void aDemotedAdminCannotGiveThemselvesAdminBackWithTheTokenTheyStillHold() {
		String username = "demoted-admin-" + suffix();
		UUID secondAdmin = register(username);
		promote(secondAdmin);
		String secondAdminToken = token(username, PASSWORD, "access_token");

		asAdmin().put()
			.uri("/auth/admin/users/" + secondAdmin + "/roles")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("roles", List.of("USER")))
			.exchange()
			.expectStatus()
			.isOk();

		as(secondAdminToken).put()
			.uri("/auth/admin/users/" + secondAdmin + "/roles")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("roles", List.of("ADMIN")))
			.exchange()
			.expectStatus()
			.isForbidden();
		as(secondAdminToken).post()
			.uri("/auth/admin/users/" + ADMIN_ID + "/disable")
			.exchange()
			.expectStatus()
			.isForbidden();
		asAdmin().get()
			.uri("/auth/admin/users/" + secondAdmin)
			.exchange()
			.expectBody()
			.jsonPath("$.roles[0]")
			.isEqualTo("USER");
		login("admin", "admin-password-1").expectStatus().isOk();
	}

	@Test
	void aDemotedAdminCanNoLongerIntrospectOtherUsersTokens() {
		String username = "introspecting-admin-" + suffix();
		UUID secondAdmin = register(username);
		promote(secondAdmin);
		String secondAdminToken = token(username, PASSWORD, "access_token");
		String othersToken = token("alice", "alice-password-1", "access_token");
		assertThat(introspect(secondAdminToken, othersToken)).containsEntry("active", true);

		asAdmin().put()
			.uri("/auth/admin/users/" + secondAdmin + "/roles")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("roles", List.of("USER")))
			.exchange()
			.expectStatus()
			.isOk();

		assertThat(introspect(secondAdminToken, othersToken)).containsEntry("active", false);
		assertThat(introspect(secondAdminToken, secondAdminToken)).containsEntry("active", true);
	}

	@Test
	void anAdminCannotChangeTheirOwnEnabledFlagOrRole() {
		String username = "self-admin-" + suffix();
		UUID secondAdmin = register(username);
		promote(secondAdmin);
		String secondAdminToken = token(username, PASSWORD, "access_token");
		long events = auditEventCount();

		as(secondAdminToken).post()
			.uri("/auth/admin/users/" + secondAdmin + "/enable")
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.CONFLICT);
		as(secondAdminToken).put()
			.uri("/auth/admin/users/" + secondAdmin + "/roles")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("roles", List.of("ADMIN")))
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.CONFLICT);

		assertThat(auditEventCount()).isEqualTo(events);
	}

	@Test
	void anAdminCannotDisableOrDemoteTheirOwnAccount() {
		long events = auditEventCount();

		asAdmin().post()
			.uri("/auth/admin/users/" + ADMIN_ID + "/disable")
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.CONFLICT)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		asAdmin().put()
			.uri("/auth/admin/users/" + ADMIN_ID + "/roles")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("roles", List.of("USER")))
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.CONFLICT);

		login("admin", "admin-password-1").expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.scope")
			.isEqualTo("data:read data:write admin");
		assertThat(auditEventCount()).isEqualTo(events);
	}

	@Test
	void badInputIsAProblemAndChangesNothing() {
		UUID id = register("unchanged-" + suffix());
		long events = auditEventCount();

		asAdmin().put()
			.uri("/auth/admin/users/" + id + "/roles")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("roles", List.of("USER", "ADMIN")))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("roles");
		asAdmin().put()
			.uri("/auth/admin/users/" + id + "/roles")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("roles", List.of("ROOT")))
			.exchange()
			.expectStatus()
			.isBadRequest();
		asAdmin().post()
			.uri("/auth/admin/users/not-a-uuid/disable")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		asAdmin().post()
			.uri("/auth/admin/users/" + UUID.randomUUID() + "/disable")
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		asAdmin().get()
			.uri("/auth/admin/users?size=101")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("size");
		asAdmin().get().uri("/auth/admin/audit?page=-1").exchange().expectStatus().isBadRequest();
		asAdmin().get()
			.uri((uri) -> uri.path("/auth/admin/users").queryParam("q", "\u0000admin").build())
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("q");

		asAdmin().get()
			.uri("/auth/admin/users/" + id)
			.exchange()
			.expectBody()
			.jsonPath("$.roles[0]")
			.isEqualTo("USER")
			.jsonPath("$.enabled")
			.isEqualTo(true);
		assertThat(auditEventCount()).isEqualTo(events);
	}

	@Test
	void aChangeWhoseAuditRecordCannotBeWrittenIsNotMade() throws SQLException {
		UUID id = register("unaudited-" + suffix());
		// the gateway's own login may not change the schema: its owner breaks the table
		schemaChange("alter table audit_event add constraint refuse_all check (false) not valid");
		try {
			asAdmin().post().uri("/auth/admin/users/" + id + "/disable").exchange().expectStatus().is5xxServerError();
		}
		finally {
			schemaChange("alter table audit_event drop constraint refuse_all");
		}

		asAdmin().get().uri("/auth/admin/users/" + id).exchange().expectBody().jsonPath("$.enabled").isEqualTo(true);
	}

	@Test
	void onlyAdminsMayUseTheAdminApi() {
		String username = "plain-" + suffix();
		register(username);
		String userToken = token(username, PASSWORD, "access_token");

		this.client.get().uri("/auth/admin/users").exchange().expectStatus().isUnauthorized();
		this.client.get()
			.uri("/auth/admin/audit")
			.headers((headers) -> headers.setBearerAuth(userToken))
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		this.client.post()
			.uri("/auth/admin/users/" + ADMIN_ID + "/disable")
			.headers((headers) -> headers.setBearerAuth(userToken))
			.exchange()
			.expectStatus()
			.isForbidden();
	}

	@Test
	void anAdminSeesAUsersLiveSessionsAndEndsThem() {
		String username = "watched-" + suffix();
		UUID id = register(username);
		token(username, PASSWORD, "refresh_token");
		String refreshToken = token(username, PASSWORD, "refresh_token");

		asAdmin().get()
			.uri("/auth/admin/users/" + id + "/sessions")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.length()")
			.isEqualTo(2)
			.jsonPath("$[0].current")
			.isEqualTo(false);
		asAdmin().delete().uri("/auth/admin/users/" + id + "/sessions").exchange().expectStatus().isOk();

		refresh(refreshToken).expectStatus().isUnauthorized();
		asAdmin().get()
			.uri("/auth/admin/users/" + id + "/sessions")
			.exchange()
			.expectBody()
			.jsonPath("$.length()")
			.isEqualTo(0);
	}

	@Test
	void anAdminSeesWhoIsThrottledAndLiftsTheBlock() {
		String username = "locked-" + suffix();
		register(username);
		String address = "10.99.0." + (ADDRESSES.incrementAndGet() % 250 + 1);
		for (int i = 0; i < 6; i++) {
			loginFrom(username, "a-wrong-password-" + i, address);
		}
		// the sixth failure's wait is two seconds: longer here, so that it lasts through
		// the
		// test
		this.database
			.sql("update login_throttle set blocked_until = now() + interval '10 minutes' "
					+ "where key = 'pair:' || :name || '|' || :address and blocked_until is not null")
			.bind("name", username)
			.bind("address", address)
			.fetch()
			.rowsUpdated()
			.as((rows) -> assertThat(rows.block()).isEqualTo(1));
		loginFrom(username, PASSWORD, address).expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS);

		asAdmin().get()
			.uri("/auth/admin/throttles?username=" + username)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$[0].username")
			.isEqualTo(username)
			.jsonPath("$[0].address")
			.isEqualTo(address)
			.jsonPath("$[0].blockedUntil")
			.exists();
		asAdmin().delete().uri("/auth/admin/throttles?username=" + username).exchange().expectStatus().isNoContent();

		loginFrom(username, PASSWORD, address).expectStatus().isOk();
		assertThat(lastAuditEvent()).containsEntry("action", "throttle.cleared")
			.containsEntry("target", "account " + username);
		asAdmin().delete().uri("/auth/admin/throttles").exchange().expectStatus().isBadRequest();
		asAdmin().get().uri("/auth/admin/throttles?address=not-an-address").exchange().expectStatus().isBadRequest();
	}

	@Test
	void aThrottledNameThatIsNoAccountIsNotShownToAdmins() {
		String typed = "my-secret-password-" + suffix();
		String address = "10.98.0." + (ADDRESSES.incrementAndGet() % 250 + 1);
		for (int i = 0; i < 6; i++) {
			loginFrom(typed, "whatever-" + i, address);
		}
		this.database
			.sql("update login_throttle set blocked_until = now() + interval '10 minutes' "
					+ "where key like '%' || :address and blocked_until is not null")
			.bind("address", address)
			.then()
			.block();

		asAdmin().get()
			.uri("/auth/admin/throttles?address=" + address)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.value((body) -> assertThat(body).contains("\"kind\":\"pair\"").doesNotContain(typed));
	}

	@Test
	void anAdminsChangesNeedARecentLoginButReadsDoNot() {
		String refreshToken = token("admin", "admin-password-1", "refresh_token");
		this.database.sql("""
				update refresh_family set auth_time = auth_time - interval '6 minutes'
				where id = (select family_id from refresh_token where token_hash = sha256(cast(:token as bytea)))""")
			.bind("token", refreshToken)
			.then()
			.block();
		String staleToken = refresh(refreshToken).expectStatus()
			.isOk()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody()
			.get("access_token")
			.toString();
		UUID id = register("untouched-" + suffix());

		as(staleToken).post()
			.uri("/auth/admin/users/" + id + "/disable")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.valueMatches("WWW-Authenticate", "Bearer error=\"insufficient_user_authentication\".*max_age=\"300\"");
		as(staleToken).get().uri("/auth/admin/users/" + id).exchange().expectStatus().isOk();
		asAdmin().get().uri("/auth/admin/users/" + id).exchange().expectBody().jsonPath("$.enabled").isEqualTo(true);
	}

	@Test
	void anAdminResetsOtherPasswordsButNotTheirOwn() {
		asAdmin().post()
			.uri("/auth/admin/users/" + ADMIN_ID + "/password-reset")
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.CONFLICT);
		asAdmin().post()
			.uri("/auth/admin/users/" + UUID.randomUUID() + "/password-reset")
			.exchange()
			.expectStatus()
			.isNotFound();
	}

	private WebTestClient.ResponseSpec loginFrom(String username, String password, String address) {
		return this.client.post()
			.uri("/auth/token")
			.header("X-Forwarded-For", address)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("username", username, "password", password))
			.exchange();
	}

	private WebTestClient asAdmin() {
		return as(this.adminToken);
	}

	private WebTestClient as(String accessToken) {
		return this.client.mutate().defaultHeaders((headers) -> headers.setBearerAuth(accessToken)).build();
	}

	private Map<String, Object> introspect(String callerToken, String token) {
		return as(callerToken).post()
			.uri("/auth/introspect")
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.body(BodyInserters.fromFormData("token", token))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
			})
			.returnResult()
			.getResponseBody();
	}

	private void promote(UUID id) {
		asAdmin().put()
			.uri("/auth/admin/users/" + id + "/roles")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("roles", List.of("ADMIN")))
			.exchange()
			.expectStatus()
			.isOk();
	}

	private UUID register(String username) {
		// each from an address of its own, so registration throttling stays out of the
		// way
		int address = ADDRESSES.incrementAndGet();
		Map<?, ?> created = this.client.post()
			.uri("/auth/register")
			.header("X-Forwarded-For", "10.77." + (address / 250) + "." + (address % 250 + 1))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("username", username, "password", PASSWORD))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
		return UUID.fromString(created.get("id").toString());
	}

	private WebTestClient.ResponseSpec login(String username, String password) {
		return this.client.post()
			.uri("/auth/token")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("username", username, "password", password))
			.exchange();
	}

	/** Logs in and returns one token of the response: access_token or refresh_token. */
	private String token(String username, String password, String which) {
		return login(username, password).expectStatus()
			.isOk()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody()
			.get(which)
			.toString();
	}

	private WebTestClient.ResponseSpec refresh(String refreshToken) {
		return this.client.post()
			.uri("/auth/refresh")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("refresh_token", refreshToken))
			.exchange();
	}

	private Map<String, Object> lastAuditEvent() {
		Map<String, Object> page = asAdmin().get()
			// the admin's own actions: the logins in between are recorded too
			.uri("/auth/admin/audit?size=1&actor=admin")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
			})
			.returnResult()
			.getResponseBody();
		@SuppressWarnings("unchecked")
		List<Map<String, Object>> content = (List<Map<String, Object>>) page.get("content");
		return content.get(0);
	}

	private long auditEventCount() {
		return this.database.sql("select count(*) as n from audit_event where action not like 'login.%'")
			.map((row, metadata) -> row.get("n", Long.class))
			.one()
			.block();
	}

	private static String suffix() {
		return UUID.randomUUID().toString().substring(0, 8);
	}

	private void schemaChange(String statement) throws SQLException {
		try (Connection connection = TestDatabases.superuser(this.postgres, "gateway");
				Statement sql = connection.createStatement()) {
			sql.execute(statement);
		}
	}

}
