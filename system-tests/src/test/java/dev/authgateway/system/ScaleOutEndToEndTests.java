package dev.authgateway.system;

import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import com.nimbusds.jose.JWSObject;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.postgresql.PostgreSQLContainer;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import dev.authgateway.testsupport.TestDatabases;
import dev.authgateway.testsupport.TestServers;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The system scaled out on one database: two gateway instances behind one public URL and
 * two resource service instances behind the gateways' load balancer. Whatever one gateway
 * instance issued, rotated or revoked holds at the other, requests are spread over the
 * resource services, and a gateway that restarts (gracefully: what is in flight finishes)
 * still honours what it issued before.
 */
@Testcontainers
class ScaleOutEndToEndTests {

	/** The public URL both gateway instances share, as behind a load balancer. */
	private static final String ISSUER = "http://gateway.test";

	/**
	 * Both instances and the restarted one share it, as they would share it from a secret
	 * store.
	 */
	private static final String ENCRYPTION_KEY = TestServers.randomEncryptionKey();

	@Container
	static final PostgreSQLContainer postgres = TestDatabases.postgres();

	private static final int PORT_A = TestServers.freePort();

	private static final int PORT_B = TestServers.freePort();

	private static ConfigurableApplicationContext resourceOne;

	private static ConfigurableApplicationContext resourceTwo;

	private static ConfigurableApplicationContext gatewayA;

	private static ConfigurableApplicationContext gatewayB;

	private static DisposableServer spa;

	@BeforeAll
	static void startEverything() throws Exception {
		TestDatabases.create(postgres, "gateway");
		TestDatabases.create(postgres, "resource");
		String jwkSetUri = "http://127.0.0.1:" + PORT_A + "/.well-known/jwks.json";
		resourceOne = SystemServices.resourceService(postgres, ISSUER, jwkSetUri);
		resourceTwo = SystemServices.resourceService(postgres, ISSUER, jwkSetUri);
		// the app's stand-in answers /slow after a while: a request that is in flight
		// when a gateway stops
		spa = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.route((routes) -> routes.get("/slow",
					(request, response) -> response
						.sendString(Mono.just("finished").delayElement(Duration.ofSeconds(2)))))
			.bindNow();
		gatewayA = gateway(PORT_A);
		gatewayB = gateway(PORT_B);
	}

	@AfterAll
	static void stopEverything() {
		for (ConfigurableApplicationContext context : new ConfigurableApplicationContext[] { gatewayA, gatewayB,
				resourceOne, resourceTwo }) {
			if (context != null) {
				context.close();
			}
		}
		if (spa != null) {
			spa.disposeNow();
		}
	}

	@Test
	void aRefreshTokenIssuedByOneGatewayRefreshesAtTheOtherExactlyOnce() {
		Map<?, ?> issuedByA = login(PORT_A, "alice", "alice-password-1");

		refresh(PORT_B, issuedByA.get("refresh_token")).expectStatus().isOk();
		refresh(PORT_A, issuedByA.get("refresh_token")).expectStatus().isUnauthorized();
	}

	@Test
	void aSpentRefreshTokenPresentedAtTheOtherGatewayRevokesTheWholeFamily() {
		Map<?, ?> issuedByA = login(PORT_A, "alice", "alice-password-1");
		Map<?, ?> rotatedAtA = refresh(PORT_A, issuedByA.get("refresh_token")).expectStatus()
			.isOk()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();

		// a thief replays the spent token at the other gateway
		refresh(PORT_B, issuedByA.get("refresh_token")).expectStatus().isUnauthorized();

		// and the owner's newest token is dead too, wherever it is presented
		refresh(PORT_A, rotatedAtA.get("refresh_token")).expectStatus().isUnauthorized();
	}

	@Test
	void wrongPasswordsAtOneGatewayCountAtTheOther() {
		// five are free; the sixth sets a pause
		for (int i = 0; i < 6; i++) {
			wrongPassword(PORT_A).expectStatus().isUnauthorized();
		}

		wrongPassword(PORT_B).expectStatus().isEqualTo(429);
	}

	@Test
	void aFamilyRevokedAtOneGatewayIsRevokedAtTheOther() {
		Map<?, ?> issuedByA = login(PORT_A, "bob", "bob-password-1");

		client(PORT_B).post()
			.uri("/auth/revoke")
			.body(BodyInserters.fromFormData("token", issuedByA.get("refresh_token").toString()))
			.exchange()
			.expectStatus()
			.isOk();

		refresh(PORT_A, issuedByA.get("refresh_token")).expectStatus().isUnauthorized();
	}

	@Test
	void aKeyRotatedByOneGatewayIsPublishedAndUsedByBoth() {
		String admin = login(PORT_A, "admin", "admin-password-1").get("access_token").toString();
		String rotatedTo = client(PORT_A).post()
			.uri("/auth/admin/keys/rotate")
			.headers((headers) -> headers.setBearerAuth(admin))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody()
			.get("active_kid")
			.toString();

		assertThat(keyIdOf(login(PORT_A, "alice", "alice-password-1"))).isEqualTo(rotatedTo);
		// the other instance reads the keys again within keys.reload-interval (1 s here)
		Instant deadline = Instant.now().plusSeconds(15);
		String usedByB = null;
		while (Instant.now().isBefore(deadline) && !rotatedTo.equals(usedByB)) {
			usedByB = keyIdOf(login(PORT_B, "alice", "alice-password-1"));
		}
		assertThat(usedByB).isEqualTo(rotatedTo);
		for (int port : new int[] { PORT_A, PORT_B }) {
			assertThat(client(port).get()
				.uri("/.well-known/jwks.json")
				.exchange()
				.expectBody(String.class)
				.returnResult()
				.getResponseBody()).contains("\"" + rotatedTo + "\"");
		}
		// and the resource services accept what either signs with it
		Map<?, ?> fromB = login(PORT_B, "alice", "alice-password-1");
		readProtectedData(PORT_A, fromB.get("access_token").toString()).expectStatus().isOk();
	}

	@Test
	void requestsThroughTheGatewayAreSpreadOverEveryResourceServiceInstance() throws InterruptedException {
		String token = login(PORT_A, "alice", "alice-password-1").get("access_token").toString();
		long oneBefore = servedData(resourceOne);
		long twoBefore = servedData(resourceTwo);

		for (int i = 0; i < 10; i++) {
			readProtectedData(PORT_A, token).expectStatus().isOk();
		}
		// an instance counts a request when its exchange completes, which can be just
		// after the answer has
		// reached the client: wait until all ten are counted (one instance showed 4
		// otherwise)
		long countedBy = System.nanoTime() + Duration.ofSeconds(5).toNanos();
		while (servedData(resourceOne) + servedData(resourceTwo) - oneBefore - twoBefore < 10
				&& System.nanoTime() < countedBy) {
			Thread.sleep(20);
		}

		// round robin over two instances: five each
		assertThat(servedData(resourceOne) - oneBefore).isEqualTo(5);
		assertThat(servedData(resourceTwo) - twoBefore).isEqualTo(5);
	}

	@Test
	void aGatewayThatRestartsFinishesWhatIsInFlightAndStillHonoursWhatItIssuedBefore() throws Exception {
		Map<?, ?> issuedByB = login(PORT_B, "bob", "bob-password-1");
		CompletableFuture<String> inFlight = CompletableFuture.supplyAsync(() -> client(PORT_B).get()
			.uri("/slow")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody());
		Thread.sleep(500);

		// what SIGTERM does: the JVM's shutdown hook closes the context, and shutdown is
		// graceful
		gatewayB.close();
		assertThat(inFlight.get()).isEqualTo("finished");

		gatewayB = gateway(PORT_B);
		assertThat(client(PORT_B).get()
			.uri("/.well-known/jwks.json")
			.exchange()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody()).as("the keys survive the restart").contains("\"" + keyIdOf(issuedByB) + "\"");
		readProtectedData(PORT_B, issuedByB.get("access_token").toString()).expectStatus().isOk();
		refresh(PORT_B, issuedByB.get("refresh_token")).expectStatus().isOk();
	}

	@Test
	void aResourceServiceStoppedUnderLoadCostsNoReaderARequest() throws Exception {
		ConfigurableApplicationContext leaving = SystemServices.resourceService(postgres, ISSUER,
				"http://127.0.0.1:" + PORT_A + "/.well-known/jwks.json");
		int port = TestServers.freePort();
		try (ConfigurableApplicationContext gateway = SystemServices.gateway(postgres, "--server.port=" + port,
				"--management.server.port=0", "--tokens.issuer=" + ISSUER, "--keys.encryption-key=" + ENCRYPTION_KEY,
				"--routes.resource-service-uri=http://127.0.0.1:" + TestServers.port(resourceOne) + ",http://127.0.0.1:"
						+ TestServers.port(leaving),
				"--routes.frontend-uri=http://127.0.0.1:" + spa.port(), "--demo.enabled=true")) {
			String token = login(port, "alice", "alice-password-1").get("access_token").toString();
			WebClient reader = WebClient.create("http://127.0.0.1:" + port);
			long until = System.nanoTime() + Duration.ofSeconds(4).toNanos();
			List<Integer> answers = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
			// six readers, as many as the replica's loss was measured with
			List<CompletableFuture<Void>> readers = java.util.stream.IntStream.range(0, 6)
				.mapToObj((i) -> CompletableFuture.runAsync(() -> {
					while (System.nanoTime() < until) {
						answers.add(reader.get()
							.uri("/api/protected-data")
							.headers((headers) -> headers.setBearerAuth(token))
							.exchangeToMono(
									(response) -> response.releaseBody().thenReturn(response.statusCode().value()))
							.block(Duration.ofSeconds(10)));
					}
				}))
				.toList();
			Thread.sleep(1500);

			leaving.close();
			CompletableFuture.allOf(readers.toArray(CompletableFuture[]::new)).get();

			assertThat(answers).hasSizeGreaterThan(60).containsOnly(200);
		}
		finally {
			leaving.close();
		}
	}

	private static ConfigurableApplicationContext gateway(int port) {
		return SystemServices.gateway(postgres, "--server.port=" + port, "--management.server.port=0",
				"--tokens.issuer=" + ISSUER, "--keys.encryption-key=" + ENCRYPTION_KEY, "--keys.reload-interval=1s",
				"--routes.resource-service-uri=http://127.0.0.1:" + TestServers.port(resourceOne) + ",http://127.0.0.1:"
						+ TestServers.port(resourceTwo),
				"--routes.frontend-uri=http://127.0.0.1:" + spa.port(), "--demo.enabled=true");
	}

	private static long servedData(ConfigurableApplicationContext resourceService) {
		return resourceService.getBean(MeterRegistry.class)
			.find("http.server.requests")
			.tag("uri", "/api/protected-data")
			.timers()
			.stream()
			.mapToLong(Timer::count)
			.sum();
	}

	private static String keyIdOf(Map<?, ?> tokens) {
		try {
			return JWSObject.parse(tokens.get("access_token").toString()).getHeader().getKeyID();
		}
		catch (ParseException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static WebTestClient client(int port) {
		return WebTestClient.bindToServer()
			.baseUrl("http://127.0.0.1:" + port)
			.responseTimeout(Duration.ofSeconds(30))
			.build();
	}

	private static Map<?, ?> login(int port, String username, String password) {
		return client(port).post()
			.uri("/auth/token")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("username", username, "password", password))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
	}

	private static WebTestClient.ResponseSpec wrongPassword(int port) {
		return client(port).post()
			.uri("/auth/token")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("username", "guesswork", "password", "not-the-password"))
			.exchange();
	}

	private static WebTestClient.ResponseSpec refresh(int port, Object refreshToken) {
		return client(port).post()
			.uri("/auth/refresh")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("refresh_token", refreshToken))
			.exchange();
	}

	private static WebTestClient.ResponseSpec readProtectedData(int port, String token) {
		return client(port).get()
			.uri("/api/protected-data")
			.headers((headers) -> headers.setBearerAuth(token))
			.exchange();
	}

}
