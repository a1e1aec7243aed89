package dev.authgateway.gateway.mfa;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.authgateway.gateway.GatewayCalls;
import dev.authgateway.gateway.GatewayIntegrationTest;
import dev.authgateway.gateway.IntegrationTestConfiguration.TestClock;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A second factor through HTTP against PostgreSQL: an authenticator set up from the
 * account, then asked for after the password at every login.
 */
@GatewayIntegrationTest
class SecondFactorIntegrationTests {

	private static final String PASSWORD = "correct-horse-battery-7";

	@Autowired
	private WebTestClient client;

	@Autowired
	private DatabaseClient database;

	@Autowired
	private TestClock clock;

	private GatewayCalls calls;

	@BeforeEach
	void calls() {
		this.calls = new GatewayCalls(this.client, "10.55");
	}

	@AfterEach
	void resetClock() {
		this.clock.reset();
	}

	@Test
	void anAuthenticatorConfirmedByAFirstCodeIsAskedForAfterThePassword() {
		Enrolled user = enrol("totp-" + suffix());

		Map<String, Object> problem = loginProblem(user.username());
		assertThat(problem.get("error")).isEqualTo("mfa_required");
		assertThat(problem.get("methods")).isEqualTo(List.of("totp", "recovery_code"));
		assertThat(problem).doesNotContainKey("access_token");

		Map<?, ?> tokens = secondStep(problem.get("mfa_token"), "totp", nextCode(user)).expectStatus()
			.isOk()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
		assertThat(claims(tokens.get("access_token").toString()).get("amr")).isEqualTo(List.of("pwd", "otp", "mfa"));
		as(tokens.get("access_token").toString()).get()
			.uri("/auth/account")
			.exchange()
			.expectBody()
			.jsonPath("$.totp")
			.isEqualTo(true)
			.jsonPath("$.recoveryCodesLeft")
			.isEqualTo(10);
	}

	@Test
	void aCodeWorksOnceEvenInsideItsWindow() {
		Enrolled user = enrol("replay-" + suffix());
		String code = nextCode(user);
		secondStep(loginProblem(user.username()).get("mfa_token"), "totp", code).expectStatus().isOk();

		secondStep(loginProblem(user.username()).get("mfa_token"), "totp", code).expectStatus()
			.isUnauthorized()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void theCodeThatTurnedTheAuthenticatorOnCannotLogIn() {
		Enrolled user = enrol("confirmcode-" + suffix());

		secondStep(loginProblem(user.username()).get("mfa_token"), "totp", user.confirmedWith()).expectStatus()
			.isUnauthorized();
	}

	@Test
	void aRightPasswordDoesNotWipeTheWrongCodesCountedAtItsAddress() {
		Enrolled user = enrol("guesser-" + suffix());
		String address = nextAddress();
		Object first = loginFrom(user.username(), address).get("mfa_token");
		for (int i = 0; i < 5; i++) {
			secondStepFrom(first, "totp", "000000", address).expectStatus().isUnauthorized();
		}
		Object second = loginFrom(user.username(), address).get("mfa_token");

		secondStepFrom(second, "totp", "000000", address).expectStatus().isUnauthorized();
		secondStepFrom(second, "totp", "000000", address).expectStatus().isEqualTo(429);
	}

	@Test
	void theSecondStepOffersRecoveryCodesOnlyWhileSomeAreLeft() {
		Enrolled user = enrol("spender-" + suffix());
		for (String code : user.recoveryCodes()) {
			secondStep(loginProblem(user.username()).get("mfa_token"), "recovery_code", code).expectStatus().isOk();
		}

		assertThat(loginProblem(user.username()).get("methods")).isEqualTo(List.of("totp"));
	}

	@Test
	void aRecoveryCodeWorksOnce() {
		Enrolled user = enrol("recovery-" + suffix());
		String recoveryCode = user.recoveryCodes().get(3);

		secondStep(loginProblem(user.username()).get("mfa_token"), "recovery_code", recoveryCode.toUpperCase())
			.expectStatus()
			.isOk();
		secondStep(loginProblem(user.username()).get("mfa_token"), "recovery_code", recoveryCode).expectStatus()
			.isUnauthorized();
	}

	@Test
	void theSecondStepTokenIsGoodOnceAndForFiveMinutesAndFewWrongCodes() {
		Enrolled user = enrol("token-" + suffix());
		Object used = loginProblem(user.username()).get("mfa_token");
		secondStep(used, "recovery_code", user.recoveryCodes().get(0)).expectStatus().isOk();
		secondStep(used, "recovery_code", user.recoveryCodes().get(1)).expectStatus().isUnauthorized();

		Object guessed = loginProblem(user.username()).get("mfa_token");
		for (int i = 0; i < 5; i++) {
			secondStep(guessed, "totp", "000000").expectStatus().isUnauthorized();
		}
		secondStep(guessed, "recovery_code", user.recoveryCodes().get(1)).expectStatus().isUnauthorized();

		Object late = loginProblem(user.username()).get("mfa_token");
		this.clock.advance(Duration.ofMinutes(5).plusSeconds(1));
		secondStep(late, "recovery_code", user.recoveryCodes().get(1)).expectStatus().isUnauthorized();
		this.clock.reset();
		assertThat(auditEvents("mfa.failed", user.id())).isEqualTo(5);
	}

	@Test
	void aPasswordAnAdminResetStillNeedsTheSecondFactorOnceChosen() {
		Enrolled user = enrol("reset-" + suffix());
		String admin = accessToken("admin", "admin-password-1");
		String temporary = as(admin).post()
			.uri("/auth/admin/users/" + user.id() + "/password-reset")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody()
			.get("temporary_password")
			.toString();
		Object changeToken = login(user.username(), temporary).expectStatus()
			.isForbidden()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody()
			.get("change_token");

		this.client.post()
			.uri("/auth/token/password")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("change_token", changeToken, "newPassword", "a-password-after-the-reset"))
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectBody()
			.jsonPath("$.error")
			.isEqualTo("mfa_required")
			.jsonPath("$.access_token")
			.doesNotExist();
	}

	@Test
	void aWrongFirstCodeLeavesTheAuthenticatorOff() {
		String username = "unconfirmed-" + suffix();
		register(username);
		String access = accessToken(username);
		as(access).post().uri("/auth/account/totp").exchange().expectStatus().isOk();

		as(access).post()
			.uri("/auth/account/totp/confirm")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("code", "000000"))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("code");

		login(username).expectStatus().isOk();
	}

	@Test
	void anAdminRemovesAUsersSecondFactorAndItIsAudited() {
		Enrolled user = enrol("lostphone-" + suffix());
		String admin = accessToken("admin", "admin-password-1");

		as(admin).delete().uri("/auth/admin/users/" + user.id() + "/mfa").exchange().expectStatus().isNoContent();

		login(user.username()).expectStatus().isOk();
		assertThat(auditEvents("totp.disabled", user.id())).isEqualTo(1);
		assertThat(auditEvents("totp.enabled", user.id())).isEqualTo(1);
	}

	private Enrolled enrol(String username) {
		UUID id = register(username);
		String access = accessToken(username);
		Map<?, ?> enrolment = as(access).post()
			.uri("/auth/account/totp")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.cacheControl(org.springframework.http.CacheControl.noStore())
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
		byte[] secret = AuthenticatorApp.secretOf(enrolment.get("secret").toString());
		assertThat(enrolment.get("otpauth_uri").toString()).startsWith("otpauth://totp/gateway.test:" + username)
			.contains("secret=" + enrolment.get("secret"));
		String confirmation = Totp.code(secret, Totp.stepAt(Instant.now()));
		Map<?, ?> confirmed = as(access).post()
			.uri("/auth/account/totp/confirm")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("code", confirmation))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
		@SuppressWarnings("unchecked")
		List<String> codes = (List<String>) confirmed.get("recovery_codes");
		assertThat(codes).hasSize(10).doesNotHaveDuplicates();
		return new Enrolled(id, username, secret, codes, confirmation);
	}

	/**
	 * The code of the step after the one the confirmation used: it is still in the
	 * window.
	 */
	private static String nextCode(Enrolled user) {
		return Totp.code(user.secret(), Totp.stepAt(Instant.now()) + 1);
	}

	private WebTestClient.ResponseSpec secondStep(Object mfaToken, String method, String code) {
		return secondStepFrom(mfaToken, method, code, nextAddress());
	}

	private WebTestClient.ResponseSpec secondStepFrom(Object mfaToken, String method, String code, String address) {
		return this.client.post()
			.uri("/auth/token/mfa")
			.header("X-Forwarded-For", address)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("mfa_token", mfaToken, method, code))
			.exchange();
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> loginProblem(String username) {
		return login(username).expectStatus().isForbidden().expectBody(Map.class).returnResult().getResponseBody();
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> loginFrom(String username, String address) {
		return this.client.post()
			.uri("/auth/token")
			.header("X-Forwarded-For", address)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("username", username, "password", PASSWORD))
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
	}

	private WebTestClient.ResponseSpec login(String username) {
		return login(username, PASSWORD);
	}

	private WebTestClient.ResponseSpec login(String username, String password) {
		return this.calls.login(username, password);
	}

	private String accessToken(String username) {
		return accessToken(username, PASSWORD);
	}

	private String accessToken(String username, String password) {
		return this.calls.accessToken(username, password);
	}

	private UUID register(String username) {
		return this.calls.register(username, PASSWORD);
	}

	private WebTestClient as(String access) {
		return this.calls.as(access);
	}

	private long auditEvents(String action, UUID target) {
		return GatewayCalls.auditEvents(this.database, action, target);
	}

	private static Map<String, Object> claims(String jwt) {
		return GatewayCalls.claims(jwt);
	}

	private String nextAddress() {
		return this.calls.nextAddress();
	}

	private static String suffix() {
		return GatewayCalls.suffix();
	}

	private record Enrolled(UUID id, String username, byte[] secret, List<String> recoveryCodes, String confirmedWith) {
	}

}
