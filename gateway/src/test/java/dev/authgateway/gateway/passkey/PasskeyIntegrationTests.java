package dev.authgateway.gateway.passkey;

import java.time.Duration;
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
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Passkeys through HTTP against PostgreSQL, answered by a software authenticator: the
 * public URL is http://gateway.test, so that is the only origin and relying party ID a
 * ceremony may name.
 */
@GatewayIntegrationTest
class PasskeyIntegrationTests {

	private static final String ORIGIN = "http://gateway.test";

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
		this.calls = new GatewayCalls(this.client, "10.56");
	}

	@AfterEach
	void resetClock() {
		this.clock.reset();
	}

	@Test
	void aRegisteredPasskeyLogsInWithoutUsernameOrPassword() {
		Member member = withPasskey("solo-" + suffix());
		Map<String, Object> options = loginOptions(Map.of());
		assertThat(publicKey(options)).containsEntry("rpId", "gateway.test")
			.containsEntry("userVerification", "required")
			.containsEntry("allowCredentials", List.of());

		Map<?, ?> tokens = passkeyLogin(options, member.authenticator().assertion(publicKey(options), ORIGIN))
			.expectStatus()
			.isOk()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();

		Map<String, Object> claims = claims(tokens.get("access_token").toString());
		assertThat(claims.get("sub")).isEqualTo(member.id().toString());
		assertThat(claims.get("amr")).isEqualTo(List.of("pop", "mfa"));
		assertThat(as(member.access()).get()
			.uri("/auth/account/passkeys")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(List.class)
			.returnResult()
			.getResponseBody()).singleElement().satisfies((passkey) -> {
				assertThat(((Map<?, ?>) passkey).get("name")).isEqualTo("Laptop");
				assertThat(((Map<?, ?>) passkey).get("lastUsedAt")).isNotNull();
			});
	}

	@Test
	void aPasskeyIsAskedForAfterThePasswordAndServesAsTheSecondFactor() {
		Member member = withPasskey("second-" + suffix());
		Map<?, ?> problem = secondStepProblem(member.username());
		assertThat(problem.get("methods")).isEqualTo(List.of("passkey"));
		Object mfaToken = problem.get("mfa_token");

		Map<String, Object> options = loginOptions(Map.of("mfa_token", mfaToken));
		assertThat((List<?>) publicKey(options).get("allowCredentials")).hasSize(1);
		Map<?, ?> tokens = secondStep(mfaToken, options, member.authenticator().assertion(publicKey(options), ORIGIN))
			.expectStatus()
			.isOk()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();

		assertThat(claims(tokens.get("access_token").toString()).get("amr")).isEqualTo(List.of("pwd", "pop", "mfa"));
	}

	@Test
	void anAssertionMadeAtAnotherOriginIsRefused() {
		Member member = withPasskey("origin-" + suffix());
		Map<String, Object> options = loginOptions(Map.of());

		passkeyLogin(options, member.authenticator().assertion(publicKey(options), "https://phishing.example"))
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void anAssertionForAnotherRelyingPartyIsRefused() {
		Member member = withPasskey("rpid-" + suffix());
		Map<String, Object> options = loginOptions(Map.of());

		passkeyLogin(options,
				member.authenticator()
					.assertion(publicKey(options).get("challenge").toString(), ORIGIN, "other.test", true))
			.expectStatus()
			.isUnauthorized();
	}

	@Test
	void anAssertionOfAnotherCeremonysChallengeIsRefused() {
		Member member = withPasskey("challenge-" + suffix());
		Map<String, Object> options = loginOptions(Map.of());
		Map<String, Object> other = loginOptions(Map.of());

		passkeyLogin(options, member.authenticator().assertion(publicKey(other), ORIGIN)).expectStatus()
			.isUnauthorized();
	}

	@Test
	void aCeremonyIsAnsweredOnce() {
		Member member = withPasskey("once-" + suffix());
		Map<String, Object> options = loginOptions(Map.of());
		Map<String, Object> assertion = member.authenticator().assertion(publicKey(options), ORIGIN);
		passkeyLogin(options, assertion).expectStatus().isOk();

		passkeyLogin(options, assertion).expectStatus().isUnauthorized();
	}

	@Test
	void aSignatureCounterThatDoesNotMoveForwardIsRefused() {
		Member member = withPasskey("clone-" + suffix());
		Map<String, Object> first = loginOptions(Map.of());
		passkeyLogin(first, member.authenticator().assertion(publicKey(first), ORIGIN)).expectStatus().isOk();

		Map<String, Object> options = loginOptions(Map.of());
		passkeyLogin(options, member.authenticator().assertionWithCounter(publicKey(options), ORIGIN, 1)).expectStatus()
			.isUnauthorized();
	}

	@Test
	void aLoginWithoutUserVerificationIsRefused() {
		Member member = withPasskey("presence-" + suffix());
		Map<String, Object> options = loginOptions(Map.of());

		passkeyLogin(options,
				member.authenticator()
					.assertion(publicKey(options).get("challenge").toString(), ORIGIN, "gateway.test", false))
			.expectStatus()
			.isUnauthorized();
	}

	@Test
	void aLoginWithAPasskeyAloneNeedsTheUserHandleThatNamesItsOwner() {
		Member member = withPasskey("handle-" + suffix());
		Map<String, Object> options = loginOptions(Map.of());

		passkeyLogin(options, member.authenticator().assertionWithoutUserHandle(publicKey(options), ORIGIN))
			.expectStatus()
			.isUnauthorized();
	}

	@Test
	void theSecondStepNeedsNoUserHandleSinceThePasswordNamedTheUser() {
		Member member = withPasskey("nohandle-" + suffix());
		Object mfaToken = secondStepToken(member.username());
		Map<String, Object> options = loginOptions(Map.of("mfa_token", mfaToken));

		secondStep(mfaToken, options, member.authenticator().assertionWithoutUserHandle(publicKey(options), ORIGIN))
			.expectStatus()
			.isOk();
	}

	@Test
	void aFailedPasskeyLoginIsAudited() {
		Member member = withPasskey("failaudit-" + suffix());
		long before = failedPasskeyLogins();
		Map<String, Object> options = loginOptions(Map.of());

		passkeyLogin(options, member.authenticator().assertion(publicKey(options), "https://phishing.example"))
			.expectStatus()
			.isUnauthorized();

		assertThat(failedPasskeyLogins()).isEqualTo(before + 1);
	}

	@Test
	void anotherUsersPasskeyIsNotThisUsersSecondFactor() {
		Member member = withPasskey("victim-" + suffix());
		Member other = withPasskey("intruder-" + suffix());
		Object mfaToken = secondStepToken(member.username());
		Map<String, Object> options = loginOptions(Map.of("mfa_token", mfaToken));

		secondStep(mfaToken, options, other.authenticator().assertion(publicKey(options), ORIGIN)).expectStatus()
			.isUnauthorized();
	}

	@Test
	void aRegistrationMadeAtAnotherOriginIsRefusedAndNothingIsStored() {
		String username = "badorigin-" + suffix();
		register(username);
		String access = accessToken(username);
		Map<String, Object> options = registrationOptions(access);

		as(access).post()
			.uri("/auth/account/passkeys")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("name", "Laptop", "credential",
					new SoftwareAuthenticator().register(options, "https://phishing.example")))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);

		login(username).expectStatus().isOk();
	}

	@Test
	void addingAPasskeyNeedsARecentLogin() {
		String username = "stale-" + suffix();
		register(username);
		String access = accessToken(username);
		this.clock.advance(Duration.ofMinutes(6));

		as(access).post()
			.uri("/auth/account/passkeys/options")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.value(HttpHeaders.WWW_AUTHENTICATE,
					(challenge) -> assertThat(challenge).contains("insufficient_user_authentication"));
	}

	@Test
	void removingTheLastPasskeyEndsTheSecondStepAndBothChangesAreAudited() {
		Member member = withPasskey("remove-" + suffix());
		UUID passkeyId = UUID.fromString(((Map<?, ?>) as(member.access()).get()
			.uri("/auth/account/passkeys")
			.exchange()
			.expectBody(List.class)
			.returnResult()
			.getResponseBody()
			.get(0)).get("id").toString());

		as(member.access()).delete().uri("/auth/account/passkeys/" + passkeyId).exchange().expectStatus().isNoContent();
		as(member.access()).delete().uri("/auth/account/passkeys/" + passkeyId).exchange().expectStatus().isNotFound();

		login(member.username()).expectStatus().isOk();
		assertThat(auditEvents("passkey.added", member.id())).isEqualTo(1);
		assertThat(auditEvents("passkey.removed", member.id())).isEqualTo(1);
	}

	@Test
	void anAdminRemovesAUsersPasskeys() {
		Member member = withPasskey("lostkey-" + suffix());
		String admin = accessToken("admin", "admin-password-1");

		as(admin).delete().uri("/auth/admin/users/" + member.id() + "/mfa").exchange().expectStatus().isNoContent();

		login(member.username()).expectStatus().isOk();
		Map<String, Object> options = loginOptions(Map.of());
		passkeyLogin(options, member.authenticator().assertion(publicKey(options), ORIGIN)).expectStatus()
			.isUnauthorized();
	}

	@SuppressWarnings("unchecked")
	private Member withPasskey(String username) {
		UUID id = register(username);
		String access = accessToken(username);
		Map<String, Object> options = registrationOptions(access);
		assertThat(options).containsKey("challenge");
		assertThat((Map<String, Object>) options.get("rp")).containsEntry("id", "gateway.test");
		assertThat((Map<String, Object>) options.get("authenticatorSelection")).containsEntry("residentKey",
				"required");
		SoftwareAuthenticator authenticator = new SoftwareAuthenticator();
		as(access).post()
			.uri("/auth/account/passkeys")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("name", "Laptop", "credential", authenticator.register(options, ORIGIN)))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody()
			.jsonPath("$.name")
			.isEqualTo("Laptop");
		return new Member(id, username, access, authenticator);
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> registrationOptions(String access) {
		return as(access).post()
			.uri("/auth/account/passkeys/options")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> loginOptions(Map<String, Object> body) {
		return this.client.post()
			.uri("/auth/passkeys/options")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> publicKey(Map<String, Object> options) {
		return (Map<String, Object>) options.get("publicKey");
	}

	private WebTestClient.ResponseSpec passkeyLogin(Map<String, Object> options, Map<String, Object> credential) {
		return this.client.post()
			.uri("/auth/passkeys/token")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("ceremony", options.get("ceremony"), "credential", credential))
			.exchange();
	}

	private WebTestClient.ResponseSpec secondStep(Object mfaToken, Map<String, Object> options,
			Map<String, Object> credential) {
		return this.client.post()
			.uri("/auth/token/mfa")
			.header("X-Forwarded-For", this.calls.nextAddress())
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("mfa_token", mfaToken, "ceremony", options.get("ceremony"), "credential", credential))
			.exchange();
	}

	/** The 403 a right password of an account with a second factor gets. */
	private Map<?, ?> secondStepProblem(String username) {
		return login(username).expectStatus().isForbidden().expectBody(Map.class).returnResult().getResponseBody();
	}

	private Object secondStepToken(String username) {
		return secondStepProblem(username).get("mfa_token");
	}

	private WebTestClient.ResponseSpec login(String username) {
		return this.calls.login(username, PASSWORD);
	}

	private String accessToken(String username) {
		return this.calls.accessToken(username, PASSWORD);
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

	private long failedPasskeyLogins() {
		return this.database
			.sql("select count(*) as n from audit_event where action = 'login.failed' and detail = 'passkey'")
			.map((row, metadata) -> row.get("n", Long.class))
			.one()
			.block();
	}

	private long auditEvents(String action, UUID target) {
		return GatewayCalls.auditEvents(this.database, action, target);
	}

	private static Map<String, Object> claims(String jwt) {
		return GatewayCalls.claims(jwt);
	}

	private static String suffix() {
		return GatewayCalls.suffix();
	}

	private record Member(UUID id, String username, String access, SoftwareAuthenticator authenticator) {
	}

}
