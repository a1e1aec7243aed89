package dev.authgateway.gateway.token;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.authgateway.gateway.GatewayIntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Temporary passwords, from an admin who creates a user or resets a password, through
 * HTTP against PostgreSQL: they only ever let their user choose a new password.
 */
@GatewayIntegrationTest
class TemporaryPasswordIntegrationTests {

	private static final String CHOSEN = "my-own-choice-of-words-9";

	private static final AtomicInteger ADDRESSES = new AtomicInteger();

	@Autowired
	private WebTestClient client;

	@Autowired
	private DatabaseClient database;

	@org.springframework.boot.test.web.server.LocalServerPort
	private int port;

	private WebTestClient admin;

	@BeforeEach
	void logInAsAdmin() {
		Map<?, ?> tokens = login("admin", "admin-password-1").expectStatus()
			.isOk()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
		this.admin = this.client.mutate()
			.defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + tokens.get("access_token"))
			.build();
	}

	@Test
	void aTemporaryPasswordNeverYieldsTokensOnlyASingleUseChangeToken() {
		String username = "newcomer-" + suffix();
		String temporary = create(username, null).get("temporary_password").toString();

		Map<String, Object> problem = login(username, temporary).expectStatus()
			.isForbidden()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectHeader()
			.cacheControl(org.springframework.http.CacheControl.noStore())
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();

		assertThat(problem.get("error")).isEqualTo("password_change_required");
		assertThat(problem).containsKey("change_token").doesNotContainKeys("access_token", "refresh_token");
		assertThat(liveSessions(username)).isZero();
	}

	@Test
	void theChangeTokenSetsTheNewPasswordOnceAndLogsTheUserIn() {
		String username = "chooser-" + suffix();
		String temporary = create(username, null).get("temporary_password").toString();
		String changeToken = changeToken(username, temporary);

		choose(changeToken, CHOSEN).expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.access_token")
			.exists()
			.jsonPath("$.refresh_token")
			.exists();

		choose(changeToken, CHOSEN + "-again").expectStatus()
			.isUnauthorized()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		login(username, temporary).expectStatus().isUnauthorized();
		login(username, CHOSEN).expectStatus().isOk();
	}

	@Test
	void aRefusedNewPasswordLeavesTheChangeTokenUsable() {
		String username = "retrier-" + suffix();
		String temporary = create(username, null).get("temporary_password").toString();
		String changeToken = changeToken(username, temporary);

		choose(changeToken, "short").expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("newPassword");
		choose(changeToken, temporary).expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].message")
			.isEqualTo("must differ from the current password");

		choose(changeToken, CHOSEN).expectStatus().isOk();
	}

	@Test
	void aPasswordGivenByTheAdminIsTemporaryToo() {
		String username = "given-" + suffix();
		String given = "handed-over-on-paper-17";
		Map<String, Object> created = create(username, given);

		assertThat(created).doesNotContainKey("temporary_password");
		assertThat(created.get("username")).isEqualTo(username);
		login(username, given).expectStatus()
			.isForbidden()
			.expectBody()
			.jsonPath("$.error")
			.isEqualTo("password_change_required");
	}

	@Test
	void anAdminsResetEndsTheUsersSessionsAndLeavesOnlyATemporaryPassword() {
		String username = "reset-" + suffix();
		String temporary = create(username, null).get("temporary_password").toString();
		Map<?, ?> tokens = choose(changeToken(username, temporary), CHOSEN).expectStatus()
			.isOk()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
		UUID id = userId(username);

		Map<?, ?> reset = this.admin.post()
			.uri("/auth/admin/users/" + id + "/password-reset")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();

		this.client.post()
			.uri("/auth/refresh")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("refresh_token", tokens.get("refresh_token")))
			.exchange()
			.expectStatus()
			.isUnauthorized();
		login(username, CHOSEN).expectStatus().isUnauthorized();
		login(username, reset.get("temporary_password").toString()).expectStatus().isForbidden();
		assertThat(this.database
			.sql("select count(*) as n from audit_event where action = 'password.reset' and target = :id")
			.bind("id", id.toString())
			.map((row, metadata) -> row.get("n", Long.class))
			.one()
			.block()).isEqualTo(1);
	}

	@Test
	void aResetVoidsTheChangeTokensOfTheTemporaryPasswordItReplaces() {
		String username = "reissued-" + suffix();
		String temporary = create(username, null).get("temporary_password").toString();
		String earlier = changeToken(username, temporary);

		String reset = this.admin.post()
			.uri("/auth/admin/users/" + userId(username) + "/password-reset")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody()
			.get("temporary_password")
			.toString();

		choose(earlier, CHOSEN).expectStatus().isUnauthorized();
		choose(changeToken(username, reset), CHOSEN).expectStatus().isOk();
	}

	@Test
	void aDisabledUserCannotUseTheirChangeToken() {
		String username = "disabled-" + suffix();
		String temporary = create(username, null).get("temporary_password").toString();
		String changeToken = changeToken(username, temporary);

		this.admin.post().uri("/auth/admin/users/" + userId(username) + "/disable").exchange().expectStatus().isOk();

		choose(changeToken, CHOSEN).expectStatus().isUnauthorized();
	}

	@Test
	void ofTwoConcurrentUsesOfOneChangeTokenExactlyOneSucceeds() {
		String username = "racer-" + suffix();
		String temporary = create(username, null).get("temporary_password").toString();
		String changeToken = changeToken(username, temporary);

		List<Integer> statuses = reactor.core.publisher.Flux.range(0, 2)
			.flatMap((i) -> org.springframework.web.reactive.function.client.WebClient.create(baseUrl())
				.post()
				.uri("/auth/token/password")
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(Map.of("change_token", changeToken, "newPassword", CHOSEN + "-" + i))
				.exchangeToMono((response) -> reactor.core.publisher.Mono.just(response.statusCode().value())))
			.collectList()
			.block(java.time.Duration.ofSeconds(30));

		assertThat(statuses).containsExactlyInAnyOrder(200, 401);
	}

	@Test
	void anUnknownOrMalformedChangeTokenIsRefused() {
		choose("A".repeat(43), CHOSEN).expectStatus().isUnauthorized();
		choose("not a token", CHOSEN).expectStatus().isUnauthorized();
		this.client.post()
			.uri("/auth/token/password")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("newPassword", CHOSEN))
			.exchange()
			.expectStatus()
			.isBadRequest();
	}

	@Test
	void aTakenNameCannotBeCreatedAgain() {
		String username = "twice-" + suffix();
		create(username, null);

		this.admin.post()
			.uri("/auth/admin/users")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("username", username.toUpperCase(), "roles", List.of("USER")))
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.CONFLICT);
	}

	private Map<String, Object> create(String username, String password) {
		Map<String, Object> body = (password != null)
				? Map.of("username", username, "roles", List.of("USER"), "password", password)
				: Map.of("username", username, "roles", List.of("USER"));
		return this.admin.post()
			.uri("/auth/admin/users")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isCreated()
			.expectHeader()
			.exists(HttpHeaders.LOCATION)
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
	}

	private String changeToken(String username, String temporary) {
		return login(username, temporary).expectStatus()
			.isForbidden()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody()
			.get("change_token")
			.toString();
	}

	private WebTestClient.ResponseSpec choose(String changeToken, String newPassword) {
		return this.client.post()
			.uri("/auth/token/password")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("change_token", changeToken, "newPassword", newPassword))
			.exchange();
	}

	private WebTestClient.ResponseSpec login(String username, String password) {
		int address = ADDRESSES.incrementAndGet();
		return this.client.post()
			.uri("/auth/token")
			.header("X-Forwarded-For", "10.66." + (address / 250) + "." + (address % 250 + 1))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("username", username, "password", password))
			.exchange();
	}

	private UUID userId(String username) {
		return this.database.sql("select id from app_user where username = :name")
			.bind("name", username)
			.map((row, metadata) -> row.get("id", UUID.class))
			.one()
			.block();
	}

	private long liveSessions(String username) {
		return this.database.sql("""
				select count(*) as n from refresh_family f join app_user u on u.id = f.user_id
				where u.username = :name and f.revoked_at is null""")
			.bind("name", username)
			.map((row, metadata) -> row.get("n", Long.class))
			.one()
			.block();
	}

	private String baseUrl() {
		return "http://localhost:" + this.port;
	}

	private static String suffix() {
		return UUID.randomUUID().toString().substring(0, 8);
	}

}
