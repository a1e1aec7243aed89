package dev.authgateway.gateway.throttle;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import dev.authgateway.gateway.GatewayIntegrationTest;
import dev.authgateway.gateway.IntegrationTestConfiguration.TestClock;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Brute-force protection through HTTP, with client addresses named by the trusted proxy's
 * X-Forwarded-For.
 */
@GatewayIntegrationTest
class LoginThrottleIntegrationTests {

	@Autowired
	private WebTestClient client;

	@Autowired
	private LoginThrottle throttle;

	@Autowired
	private TestClock clock;

	@LocalServerPort
	private int port;

	@AfterEach
	void resetClock() {
		this.clock.reset();
	}

	@Test
	void anAttackerHammeringAnAccountFromOneAddressIsSlowedDownButTheOwnerElsewhereIsNot() {
		String attacker = randomAddress();
		for (int i = 0; i < 5; i++) {
			login("bob", "wrong-password", attacker).expectStatus().isUnauthorized();
		}
		login("bob", "wrong-password", attacker).expectStatus().isUnauthorized();

		login("bob", "wrong-password", attacker).expectStatus()
			.isEqualTo(429)
			.expectHeader()
			.valueEquals(HttpHeaders.RETRY_AFTER, "2")
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		// even the right password waits at that address
		login("bob", "bob-password-1", attacker).expectStatus().isEqualTo(429);

		login("bob", "bob-password-1", randomAddress()).expectStatus().isOk();
	}

	@Test
	void aBurstOfConcurrentWrongPasswordsGetsNoMoreGuessesCheckedThanTheThrottleAllows() {
		String attacker = randomAddress();
		WebClient http = WebClient.create("http://localhost:" + this.port);

		List<Integer> statuses = Flux.range(0, 20)
			.flatMap(
					(i) -> http.post()
						.uri("/auth/token")
						.header("X-Forwarded-For", attacker)
						.contentType(MediaType.APPLICATION_JSON)
						.bodyValue(Map.of("username", "bob", "password", "wrong-password-" + i))
						.exchangeToMono((response) -> response.releaseBody().thenReturn(response.statusCode().value())),
					20)
			.collectList()
			.block(Duration.ofSeconds(60));

		// five free failures and the one that starts the delay are checked; every other
		// guess waits unhashed
		assertThat(statuses).filteredOn((status) -> status == 401).hasSizeLessThanOrEqualTo(6);
		assertThat(statuses).filteredOn((status) -> status == 429).hasSizeGreaterThanOrEqualTo(14);
		assertThat(statuses).allMatch((status) -> status == 401 || status == 429);
	}

	@Test
	void anAttackerCannotEscapeTheThrottleByMovingWithinOneIpv6SlashSixtyFour() {
		String network = "2001:db8:" + Integer.toHexString(1 + (int) (Math.random() * 0xfffe)) + ":42:";
		for (int i = 1; i <= 6; i++) {
			login("bob", "wrong-password", network + ":" + Integer.toHexString(i)).expectStatus().isUnauthorized();
		}

		login("bob", "wrong-password", network + ":beef").expectStatus().isEqualTo(429);
		login("bob", "bob-password-1", "2001:db8:ffff:1::1").expectStatus().isOk();
	}

	@Test
	void delaysGrowWithEachFurtherFailure() {
		String attacker = randomAddress();
		for (int i = 0; i < 6; i++) {
			login("bob", "wrong-password", attacker).expectStatus().isUnauthorized();
		}
		this.clock.advance(Duration.ofSeconds(3));
		login("bob", "wrong-password", attacker).expectStatus().isUnauthorized();

		login("bob", "wrong-password", attacker).expectStatus()
			.isEqualTo(429)
			.expectHeader()
			.valueEquals(HttpHeaders.RETRY_AFTER, "4");
	}

	@Test
	void aSuccessfulLoginClearsTheDelaysOfThatAddress() {
		String address = randomAddress();
		for (int i = 0; i < 6; i++) {
			login("bob", "wrong-password", address).expectStatus().isUnauthorized();
		}
		this.clock.advance(Duration.ofSeconds(3));
		login("bob", "bob-password-1", address).expectStatus().isOk();

		login("bob", "wrong-password", address).expectStatus().isUnauthorized();
	}

	@Test
	void anAddressTryingManyAccountsIsPaused() {
		String sprayer = randomAddress();
		Flux.range(0, 100)
			.concatMap((i) -> this.throttle.reserveLogin("user-" + i, sprayer))
			.blockLast(Duration.ofSeconds(30));

		login("alice", "alice-password-1", sprayer).expectStatus().isEqualTo(429);
		login("alice", "alice-password-1", randomAddress()).expectStatus().isOk();
	}

	@Test
	void anAccountAttackedFromManyAddressesIsPausedBriefly() {
		String username = "victim-" + UUID.randomUUID().toString().substring(0, 8);
		Flux.range(0, 50)
			.concatMap((i) -> this.throttle.reserveLogin(username, randomAddress()))
			.blockLast(Duration.ofSeconds(30));

		assertThatThrownBy(() -> this.throttle.reserveLogin(username, randomAddress()).block()).isInstanceOfSatisfying(
				TooManyAttemptsException.class, (ex) -> assertThat(ex.retryAfterSeconds()).isBetween(1L, 60L));
		this.clock.advance(Duration.ofSeconds(61));
		this.throttle.reserveLogin(username, randomAddress()).block();
	}

	@Test
	void theOwnersSuccessfulLoginNeverPausesTheirOwnAccount() {
		String username = "owner-" + UUID.randomUUID().toString().substring(0, 8);
		this.client.post()
			.uri("/auth/register")
			.header("X-Forwarded-For", randomAddress())
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("username", username, "password", "violet staircase under rain"))
			.exchange()
			.expectStatus()
			.isCreated();
		// the account's cap reached from many addresses, and its pause over
		Flux.range(0, 50)
			.concatMap((i) -> this.throttle.reserveLogin(username, randomAddress()))
			.blockLast(Duration.ofSeconds(30));
		this.clock.advance(Duration.ofSeconds(61));

		login(username, "violet staircase under rain", randomAddress()).expectStatus().isOk();

		login(username, "violet staircase under rain", randomAddress()).expectStatus().isOk();
	}

	@Test
	void registrationsCountAgainstTheAddress() {
		String address = randomAddress();
		Flux.range(0, 100).concatMap((i) -> this.throttle.reserveRegistration(address)).blockLast();

		this.client.post()
			.uri("/auth/register")
			.header("X-Forwarded-For", address)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("username", "fresh-" + UUID.randomUUID().toString().substring(0, 8), "password",
					"violet staircase under rain"))
			.exchange()
			.expectStatus()
			.isEqualTo(429);
	}

	private WebTestClient.ResponseSpec login(String username, String password, String address) {
		return this.client.post()
			.uri("/auth/token")
			.header("X-Forwarded-For", address)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("username", username, "password", password))
			.exchange();
	}

	private static String randomAddress() {
		UUID random = UUID.randomUUID();
		return "198.18." + (Math.abs(random.getMostSignificantBits()) % 256) + "."
				+ (Math.abs(random.getLeastSignificantBits()) % 256);
	}

}
