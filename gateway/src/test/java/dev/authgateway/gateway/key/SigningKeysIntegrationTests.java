package dev.authgateway.gateway.key;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.authgateway.gateway.GatewayIntegrationTest;
import dev.authgateway.gateway.IntegrationTestConfiguration.TestClock;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.reactive.function.BodyInserters;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signing keys are shared through PostgreSQL by restarts and every instance, and rotate
 * without failures.
 */
@GatewayIntegrationTest
class SigningKeysIntegrationTests {

	private static final KeyProperties DEFAULTS = new KeyProperties("RS256", Duration.ofDays(30), Duration.ofHours(1),
			null, Duration.ofMinutes(1), List.of(), true, Duration.ofMinutes(1));

	@Autowired
	private SigningKeys keys;

	@Autowired
	private SigningKeyRepository repository;

	@Autowired
	private DatabaseClient database;

	@Autowired
	private TransactionalOperator transaction;

	@Autowired
	private TestClock clock;

	@Autowired
	private WebTestClient client;

	@BeforeEach
	void seeWhatOtherInstancesDid() {
		// other tests rotate with instances of their own; this one would see that within
		// its cache minute
		this.keys.reload().block();
	}

	@AfterEach
	void resetClock() {
		this.clock.reset();
	}

	@Test
	void anotherInstanceOrARestartSignsWithTheSameKey() {
		String kid = this.keys.active().block().getKeyID();

		String kidSeenByAnotherInstance = anotherInstance(DEFAULTS).active().block().getKeyID();

		assertThat(kidSeenByAnotherInstance).isEqualTo(kid);
		assertThat(this.keys.publicJwkSet().block().getKeyByKeyId(kid)).isNotNull();
	}

	@Test
	void instancesRacingToCreateAKeyCannotMakeASecondActiveOne() {
		String kid = this.keys.active().block().getKeyID();

		List<Integer> inserted = Flux.range(0, 4).flatMap((i) -> {
			SigningKeyRow row = KeyMaterial.row(KeyMaterial.generatePair("RS256"), "RS256", "active",
					KeyEncryption.fromBase64(null));
			return this.repository.insertIfNone(row.kid(), row.algorithm(), "active", row.publicKey(), row.privateKey(),
					this.clock.instant());
		}).collectList().block();

		assertThat(inserted).containsOnly(0);
		assertThat(this.repository.findActive().block().kid()).isEqualTo(kid);
	}

	@Test
	void theNextKeyIsPublishedBeforeItSignsAndTokensFromTheOldKeyStayValidAfterRotation() throws InterruptedException {
		Map<String, Object> before = login();
		String oldKid = this.keys.active().block().getKeyID();
		String nextKid = publishedNextKid();
		assertThat(jwkSetKids()).contains(oldKid, nextKid);

		String newKid = rotateAsAdmin();

		assertThat(newKid).isEqualTo(nextKid);
		assertThat(jwkSetKids()).contains(oldKid, newKid, this.repository.findNext().block().kid());
		Map<String, Object> after = login();
		assertThat(kidOf(after)).isEqualTo(newKid);
		// the token signed before the rotation is still accepted
		assertThat(introspect(after, before)).containsEntry("active", true);
	}

	@Test
	void aRotationSignsWithItsNewKeyAtOnceEvenWhenKeysWereReadWhileItRan() throws InterruptedException {
		String nextKid = publishedNextKid();
		Mono<String> rotation = this.keys.rotate();
		// a request that reads the keys between the rotation being asked for and its
		// commit must not leave the pre-rotation keys cached as the rotation's own
		String readMeanwhile = this.keys.active().block().getKeyID();

		String rotated = rotation.block();

		assertThat(readMeanwhile).isNotEqualTo(nextKid);
		assertThat(rotated).isEqualTo(nextKid);
		assertThat(this.keys.active().block().getKeyID()).isEqualTo(nextKid);
	}

	@Test
	void aRevocationSignsWithTheReplacementAtOnceEvenWhenKeysWereReadWhileItRan() throws InterruptedException {
		String activeKid = this.keys.active().block().getKeyID();
		String nextKid = publishedNextKid();
		Mono<String> revocation = this.keys.revoke(activeKid, (kid) -> Mono.empty());
		this.keys.active().block();

		String signsNow = revocation.block();

		assertThat(signsNow).isEqualTo(nextKid);
		assertThat(this.keys.active().block().getKeyID()).isEqualTo(nextKid);
	}

	@Test
	void rotationNeedsTheAdminScope() {
		this.client.post()
			.uri("/auth/admin/keys/rotate")
			.headers((headers) -> headers.setBearerAuth(login().get("access_token").toString()))
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		this.client.post().uri("/auth/admin/keys/rotate").exchange().expectStatus().isUnauthorized();
	}

	@Test
	void aKeyIsRotatedWhenItsPeriodIsOverAndTwoInstancesRotateOnlyOnce() {
		this.keys.rotate().block();
		assertThat(this.keys.rotateIfDue().block()).isFalse();

		this.clock.advance(Duration.ofDays(31));
		List<Boolean> rotated = Flux.merge(this.keys.rotateIfDue(), anotherInstance(DEFAULTS).rotateIfDue())
			.collectList()
			.block();

		assertThat(rotated).containsExactlyInAnyOrder(true, false);
	}

	@Test
	void aRotationBeforeTheNextKeyIsMadeMakesItFirst() {
		String oldKid = this.keys.active().block().getKeyID();
		this.database.sql("delete from signing_key where state = 'next'").then().block();

		String newKid = this.keys.rotate().block();

		assertThat(newKid).isNotEqualTo(oldKid);
		assertThat(this.repository.findActive().block().kid()).isEqualTo(newKid);
		assertThat(this.repository.findNext().block()).isNotNull();
		assertThat(jwkSetKids()).contains(oldKid, newKid, this.repository.findNext().block().kid());
	}

	@Test
	void aRetiredKeysPrivateHalfIsWipedTheMomentItRetires() {
		String retired = this.keys.active().block().getKeyID();

		this.keys.rotate().block();

		assertThat(this.repository.findById(retired).block().privateKey()).isEmpty();
		assertThat(jwkSetKids()).contains(retired);
	}

	@Test
	void aRetiredKeyIsUnpublishedAndDeletedOnceItsLastTokenHasExpiredWithoutWaitingForAnotherRotation() {
		String retired = this.keys.active().block().getKeyID();
		this.keys.rotate().block();

		// the access token lifetime (5 min), another instance's key cache (1 min) and the
		// verifiers' skew (30 s)
		this.clock.advance(Duration.ofMinutes(6).plusSeconds(31));
		this.keys.reload().block();

		assertThat(jwkSetKids()).doesNotContain(retired);
		assertThat(this.keys.deleteExpiredRetiredKeys().block()).isPositive();
		assertThat(this.repository.findById(retired).block()).isNull();
	}

	@Test
	void aRevokedKeyLeavesTheJwkSetAtOnceAndTheGatewayRefusesEveryTokenItSigned() {
		Map<String, Object> admin = login("admin", "admin-password-1");
		Map<String, Object> alice = login();
		// checked once, so the gateway remembers it as verified
		assertThat(introspect(admin, alice)).containsEntry("active", true);
		String leaked = kidOf(alice);

		Map<String, String> answer = this.client.post()
			.uri("/auth/admin/keys/" + leaked + "/revoke")
			.headers((headers) -> headers.setBearerAuth(admin.get("access_token").toString()))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(new ParameterizedTypeReference<Map<String, String>>() {
			})
			.returnResult()
			.getResponseBody();

		assertThat(answer.get("active_kid")).isNotEqualTo(leaked);
		assertThat(jwkSetKids()).doesNotContain(leaked).contains(answer.get("active_kid"));
		this.client.post()
			.uri("/auth/logout-all")
			.headers((headers) -> headers.setBearerAuth(alice.get("access_token").toString()))
			.exchange()
			.expectStatus()
			.isUnauthorized();
		Map<String, Object> newAdmin = login("admin", "admin-password-1");
		assertThat(kidOf(newAdmin)).isEqualTo(answer.get("active_kid"));
		assertThat(introspect(newAdmin, alice)).containsEntry("active", false);
	}

	@Test
	void revokingAKeyThatDoesNotExistIsNotFoundAndChangesNothing() {
		Map<String, Object> admin = login("admin", "admin-password-1");
		String active = this.keys.active().block().getKeyID();

		this.client.post()
			.uri("/auth/admin/keys/no-such-key/revoke")
			.headers((headers) -> headers.setBearerAuth(admin.get("access_token").toString()))
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		this.client.post()
			.uri((uri) -> uri.path("/auth/admin/keys/{kid}/revoke").build("\u0000"))
			.headers((headers) -> headers.setBearerAuth(admin.get("access_token").toString()))
			.exchange()
			.expectStatus()
			.isBadRequest();

		assertThat(this.keys.active().block().getKeyID()).isEqualTo(active);
	}

	private SigningKeys anotherInstance(KeyProperties properties) {
		return new SigningKeys(this.repository, this.database, this.transaction, properties,
				new FirstKeyAhead(properties), this.clock, new SimpleMeterRegistry(), Duration.ofMinutes(5));
	}

	/**
	 * A new database's next key is made just after its active one: this waits until it is
	 * made and published.
	 */
	private String publishedNextKid() throws InterruptedException {
		for (int i = 0; i < 100; i++) {
			SigningKeyRow next = this.repository.findNext().block();
			if (next != null && jwkSetKids().contains(next.kid())) {
				return next.kid();
			}
			Thread.sleep(100);
		}
		throw new AssertionError("No next key published within 10 s");
	}

	private List<String> jwkSetKids() {
		Map<String, List<Map<String, Object>>> set = this.client.get()
			.uri("/.well-known/jwks.json")
			.exchange()
			.expectBody(new ParameterizedTypeReference<Map<String, List<Map<String, Object>>>>() {
			})
			.returnResult()
			.getResponseBody();
		return set.get("keys").stream().map((key) -> key.get("kid").toString()).toList();
	}

	private String rotateAsAdmin() {
		Map<String, Object> admin = this.client.post()
			.uri("/auth/token")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("username", "admin", "password", "admin-password-1"))
			.exchange()
			.expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
			})
			.returnResult()
			.getResponseBody();
		return this.client.post()
			.uri("/auth/admin/keys/rotate")
			.headers((headers) -> headers.setBearerAuth(admin.get("access_token").toString()))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(new ParameterizedTypeReference<Map<String, String>>() {
			})
			.returnResult()
			.getResponseBody()
			.get("active_kid");
	}

	private Map<String, Object> login() {
		return login("alice", "alice-password-1");
	}

	private Map<String, Object> login(String username, String password) {
		return this.client.post()
			.uri("/auth/token")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("username", username, "password", password))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
			})
			.returnResult()
			.getResponseBody();
	}

	private Map<String, Object> introspect(Map<String, Object> caller, Map<String, Object> tokens) {
		return this.client.post()
			.uri("/auth/introspect")
			.headers((headers) -> headers.setBearerAuth(caller.get("access_token").toString()))
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.body(BodyInserters.fromFormData("token", tokens.get("access_token").toString()))
			.exchange()
			.expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
			})
			.returnResult()
			.getResponseBody();
	}

	private static String kidOf(Map<String, Object> tokens) {
		String header = tokens.get("access_token").toString().split("\\.")[0];
		String json = new String(java.util.Base64.getUrlDecoder().decode(header));
		return json.replaceAll(".*\"kid\":\"([^\"]+)\".*", "$1");
	}

}
