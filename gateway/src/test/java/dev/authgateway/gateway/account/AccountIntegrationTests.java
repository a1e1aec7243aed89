package dev.authgateway.gateway.account;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.authgateway.gateway.GatewayIntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.json.JsonParserFactory;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.StatusAssertions;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A user's own account through HTTP against PostgreSQL: who they are, their password and
 * their sessions.
 */
@GatewayIntegrationTest
class AccountIntegrationTests {

	private static final String PASSWORD = "correct-horse-battery-7";

	private static final String NEW_PASSWORD = "another-staple-of-mine-42";

	private static final AtomicInteger ADDRESSES = new AtomicInteger();

	@Autowired
	private WebTestClient client;

	@Autowired
	private DatabaseClient database;

	@Test
	void theAccountDescribesItsOwnerAndTheirSecondFactors() {
		String username = "described-" + suffix();
		UUID id = register(username);
		Session session = logIn(username, PASSWORD, "Firefox");

		as(session.access()).get()
			.uri("/auth/account")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.id")
			.isEqualTo(id.toString())
			.jsonPath("$.username")
			.isEqualTo(username)
			.jsonPath("$.roles[0]")
			.isEqualTo("USER")
			.jsonPath("$.createdAt")
			.exists()
			.jsonPath("$.totp")
			.isEqualTo(false)
			.jsonPath("$.passkeys")
			.isEqualTo(0)
			.jsonPath("$.recoveryCodesLeft")
			.isEqualTo(0);
		this.client.get().uri("/auth/account").exchange().expectStatus().isUnauthorized();
	}

	@Test
	void accessTokensNameTheirSessionAndHowAndWhenTheUserLoggedInAtEveryRefresh() {
		String username = "claims-" + suffix();
		register(username);
		Session session = logIn(username, PASSWORD, "Firefox");

		Map<String, Object> first = claims(session.access());
		Session refreshed = refresh(session.refresh());
		Map<String, Object> second = claims(refreshed.access());

		assertThat(first.get("sid")).isNotNull().isEqualTo(second.get("sid"));
		assertThat(first.get("amr")).isEqualTo(List.of("pwd")).isEqualTo(second.get("amr"));
		assertThat(((Number) first.get("auth_time")).longValue())
			.isEqualTo(((Number) second.get("auth_time")).longValue())
			.isLessThanOrEqualTo(((Number) first.get("iat")).longValue());
	}

	@Test
	void aUserSeesTheirLiveSessionsWithDeviceAndAddressAndWhichOneIsThisOne() {
		String username = "lister-" + suffix();
		register(username);
		Session laptop = logIn(username, PASSWORD, "Firefox on the laptop");
		Session phone = logIn(username, PASSWORD, "Safari on the phone");
		Session ended = logIn(username, PASSWORD, "logged out");
		logOut(ended.refresh());

		List<Map<String, Object>> sessions = sessions(phone.access());

		assertThat(sessions).hasSize(2);
		assertThat(sessions).extracting((s) -> s.get("userAgent"))
			.containsExactlyInAnyOrder("Firefox on the laptop", "Safari on the phone");
		assertThat(sessions).filteredOn((s) -> Boolean.TRUE.equals(s.get("current"))).singleElement().satisfies((s) -> {
			assertThat(s.get("id")).isEqualTo(claims(phone.access()).get("sid"));
			assertThat(s.get("userAgent")).isEqualTo("Safari on the phone");
		});
		assertThat(sessions).allSatisfy((s) -> {
			assertThat(s.get("clientAddress")).asString().startsWith("10.88.");
			assertThat(s).containsKeys("createdAt", "lastUsedAt", "expiresAt");
		});
		assertThat(laptop.access()).isNotBlank();
	}

	@Test
	void endingAnotherOfMySessionsStopsItsRefreshesButNotMine() {
		String username = "ender-" + suffix();
		register(username);
		Session mine = logIn(username, PASSWORD, "mine");
		Session other = logIn(username, PASSWORD, "other");
		Object otherId = claims(other.access()).get("sid");

		as(mine.access()).delete().uri("/auth/account/sessions/" + otherId).exchange().expectStatus().isNoContent();

		refreshStatus(other.refresh()).isUnauthorized();
		refreshStatus(mine.refresh()).isOk();
		assertThat(auditEvents("session.ended", userId(mine.access()))).isEqualTo(1);
	}

	@Test
	void endingAllOtherSessionsLeavesOnlyThisOne() {
		String username = "leaver-" + suffix();
		register(username);
		Session first = logIn(username, PASSWORD, "first");
		Session second = logIn(username, PASSWORD, "second");
		Session mine = logIn(username, PASSWORD, "mine");

		as(mine.access()).delete().uri("/auth/account/sessions").exchange().expectStatus().isNoContent();

		refreshStatus(first.refresh()).isUnauthorized();
		refreshStatus(second.refresh()).isUnauthorized();
		assertThat(sessions(mine.access())).singleElement()
			.satisfies((s) -> assertThat(s.get("current")).isEqualTo(true));
	}

	@Test
	void someoneElsesSessionCannotBeEndedAndLooksMissing() {
		String owner = "owner-" + suffix();
		String stranger = "stranger-" + suffix();
		register(owner);
		register(stranger);
		Session owners = logIn(owner, PASSWORD, "owner");
		Session strangers = logIn(stranger, PASSWORD, "stranger");

		as(strangers.access()).delete()
			.uri("/auth/account/sessions/" + claims(owners.access()).get("sid"))
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);

		refreshStatus(owners.refresh()).isOk();
	}

	@Test
	void aChangedPasswordEndsEveryOtherSessionButNotThisOne() {
		String username = "changer-" + suffix();
		UUID id = register(username);
		Session other = logIn(username, PASSWORD, "other");
		Session mine = logIn(username, PASSWORD, "mine");

		changePassword(mine.access(), PASSWORD, NEW_PASSWORD).expectStatus().isNoContent();

		refreshStatus(other.refresh()).isUnauthorized();
		refreshStatus(mine.refresh()).isOk();
		loginStatus(username, PASSWORD).isUnauthorized();
		loginStatus(username, NEW_PASSWORD).isOk();
		assertThat(auditEvents("password.changed", id)).isEqualTo(1);
	}

	@Test
	void aWrongCurrentPasswordChangesNothingAndCountsAsAFailedLogin() {
		String username = "forgetful-" + suffix();
		UUID id = register(username);
		Session mine = logIn(username, PASSWORD, "mine");

		changePassword(mine.access(), "not-my-password-at-all", NEW_PASSWORD).expectStatus()
			.isUnauthorized()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		for (int i = 0; i < 5; i++) {
			changePassword(mine.access(), "still-not-my-password-" + i, NEW_PASSWORD).expectStatus().isUnauthorized();
		}

		// guessed through a stolen token, the current password is throttled as a login is
		changePassword(mine.access(), PASSWORD, NEW_PASSWORD).expectStatus().isEqualTo(429);
		loginStatus(username, PASSWORD).isOk();
		assertThat(auditEvents("login.failed", id)).isEqualTo(6);
		assertThat(auditEvents("password.changed", id)).isZero();
	}

	@Test
	void aNewPasswordOutsideThePolicyIsRefusedAndChangesNothing() {
		String username = "careless-" + suffix();
		register(username);
		Session mine = logIn(username, PASSWORD, "mine");

		changePassword(mine.access(), PASSWORD, "my-name-is-" + username).expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("newPassword")
			.jsonPath("$.errors[0].message")
			.isEqualTo("must not contain the username");
		changePassword(mine.access(), PASSWORD, PASSWORD).expectStatus().isBadRequest();

		loginStatus(username, PASSWORD).isOk();
	}

	@Test
	void aPasswordChangeNeedsARecentLogin() {
		String username = "stale-" + suffix();
		register(username);
		Session old = logIn(username, PASSWORD, "old");
		// the session started six minutes ago: its refreshed tokens say so
		this.database.sql("update refresh_family set auth_time = auth_time - interval '6 minutes' where id = :id")
			.bind("id", UUID.fromString(claims(old.access()).get("sid").toString()))
			.then()
			.block();
		Session refreshed = refresh(old.refresh());

		changePassword(refreshed.access(), PASSWORD, NEW_PASSWORD).expectStatus()
			.isUnauthorized()
			.expectHeader()
			.valueEquals(HttpHeaders.WWW_AUTHENTICATE,
					"Bearer error=\"insufficient_user_authentication\", error_description=\"A more recent authentication is required\", max_age=\"300\"")
			.expectBody()
			.jsonPath("$.error")
			.isEqualTo("insufficient_user_authentication");

		loginStatus(username, PASSWORD).isOk();
	}

	private WebTestClient.ResponseSpec changePassword(String access, String current, String next) {
		return as(access).put()
			.uri("/auth/account/password")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("currentPassword", current, "newPassword", next))
			.exchange();
	}

	private List<Map<String, Object>> sessions(String access) {
		return as(access).get()
			.uri("/auth/account/sessions")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(new ParameterizedTypeReference<List<Map<String, Object>>>() {
			})
			.returnResult()
			.getResponseBody();
	}

	private WebTestClient as(String access) {
		return this.client.mutate().defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + access).build();
	}

	private UUID register(String username) {
		Map<?, ?> created = this.client.post()
			.uri("/auth/register")
			.header("X-Forwarded-For", nextAddress())
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

	private Session logIn(String username, String password, String userAgent) {
		Map<?, ?> body = this.client.post()
			.uri("/auth/token")
			.header("X-Forwarded-For", nextAddress())
			.header(HttpHeaders.USER_AGENT, userAgent)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("username", username, "password", password))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
		return new Session(body.get("access_token").toString(), body.get("refresh_token").toString());
	}

	private StatusAssertions loginStatus(String username, String password) {
		return this.client.post()
			.uri("/auth/token")
			.header("X-Forwarded-For", nextAddress())
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("username", username, "password", password))
			.exchange()
			.expectStatus();
	}

	private Session refresh(String refreshToken) {
		Map<?, ?> body = refreshStatus(refreshToken).isOk().expectBody(Map.class).returnResult().getResponseBody();
		return new Session(body.get("access_token").toString(), body.get("refresh_token").toString());
	}

	private StatusAssertions refreshStatus(String refreshToken) {
		return this.client.post()
			.uri("/auth/refresh")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("refresh_token", refreshToken))
			.exchange()
			.expectStatus();
	}

	private void logOut(String refreshToken) {
		this.client.post()
			.uri("/auth/logout")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("refresh_token", refreshToken))
			.exchange()
			.expectStatus()
			.isNoContent();
	}

	private static UUID userId(String access) {
		return UUID.fromString(claims(access).get("sub").toString());
	}

	private long auditEvents(String action, UUID target) {
		return this.database.sql("select count(*) as n from audit_event where action = :action and target = :target")
			.bind("action", action)
			.bind("target", target.toString())
			.map((row, metadata) -> row.get("n", Long.class))
			.one()
			.block();
	}

	static Map<String, Object> claims(String jwt) {
		String payload = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
		return JsonParserFactory.getJsonParser().parseMap(payload);
	}

	private static String nextAddress() {
		int address = ADDRESSES.incrementAndGet();
		return "10.88." + (address / 250) + "." + (address % 250 + 1);
	}

	private static String suffix() {
		return UUID.randomUUID().toString().substring(0, 8);
	}

	private record Session(String access, String refresh) {
	}

}
