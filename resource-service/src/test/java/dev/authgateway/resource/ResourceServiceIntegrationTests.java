package dev.authgateway.resource;

import java.util.UUID;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.postgresql.PostgreSQLContainer;

import dev.authgateway.testsupport.RawHttpConnection;
import dev.authgateway.testsupport.TestDatabases;
import dev.authgateway.testsupport.DemoUsers;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The resource service against a real PostgreSQL, with tokens signed by a stand-in for
 * the gateway.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "demo.enabled=true")
@AutoConfigureWebTestClient(timeout = "30s")
@Testcontainers
class ResourceServiceIntegrationTests {

	private static final UUID ALICE = DemoUsers.ALICE;

	private static final UUID BOB = DemoUsers.BOB;

	@Container
	static final PostgreSQLContainer postgres = TestDatabases.postgres();

	static final TestTokens tokens = new TestTokens();

	@DynamicPropertySource
	static void tokenProperties(DynamicPropertyRegistry registry) {
		TestDatabases.register(registry, postgres, "resource");
		registry.add("tokens.issuer", () -> TestTokens.ISSUER);
		registry.add("tokens.jwk-set-uri", tokens::jwkSetUri);
	}

	@AfterAll
	static void stopTokens() {
		tokens.close();
	}

	@Autowired
	private WebTestClient client;

	@LocalServerPort
	private int port;

	@LocalManagementPort
	private int managementPort;

	@Test
	void aliceSeesHerDemoItemsAndNoneOfBobs() {
		this.client.get()
			.uri("/api/protected-data")
			.headers((headers) -> headers.setBearerAuth(tokens.accessToken(ALICE, "data:read data:write")))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.content.length()")
			.isEqualTo(3)
			.jsonPath("$.content[*].owner")
			.value((owners) -> assertThat(owners).asInstanceOf(InstanceOfAssertFactories.LIST)
				.containsOnly(ALICE.toString()))
			.jsonPath("$.page.totalElements")
			.isEqualTo(3)
			.jsonPath("$.content[0].createdAt")
			.isEqualTo("2026-01-01T09:02:00Z");
	}

	@Test
	void publicDataListsOnlyPublicItems() {
		this.client.get()
			.uri("/api/public-data?sort=title")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.page.totalElements")
			.isEqualTo(2)
			.jsonPath("$.content[0].title")
			.isEqualTo("Alice's reading tips")
			.jsonPath("$.content[1].owner")
			.isEqualTo(BOB.toString())
			.jsonPath("$.content[*].visibility")
			.value((values) -> assertThat(values).asInstanceOf(InstanceOfAssertFactories.LIST).containsOnly("public"));
	}

	@Test
	void aTokenSignedByAnotherKeyIsUnauthorized() {
		try (TestTokens stranger = new TestTokens()) {
			assertUnauthorized(stranger.accessToken(ALICE, "data:read"));
		}
	}

	@Test
	void aTokenOfAnotherTypeIsUnauthorized() {
		assertUnauthorized(tokens.accessToken(ALICE, "data:read", (header) -> header.type("JWT"), (claims) -> {
		}));
	}

	@Test
	void garbageInTheAuthorizationHeaderIsUnauthorized() {
		assertUnauthorized("not-a-jwt");
		assertUnauthorized("eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.");
	}

	/**
	 * A browser's next request can arrive on its keep-alive connection while the one
	 * before is still being answered from a database thread; when it is answered at once
	 * (a refused token), Reactor Netty before 1.3.8 stopped reading the connection and
	 * the request after it hung (reactor/reactor-netty#4361).
	 */
	@Test
	void aConnectionIsStillServedAfterADatabaseAnswerAndARefusedTokenSentTogether() {
		try (RawHttpConnection connection = new RawHttpConnection(this.port)) {
			connection.send("GET /api/protected-data HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
					+ tokens.accessToken(ALICE, "data:read") + "\r\n\r\n"
					+ "GET /api/protected-data HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer not-a-token\r\n\r\n");
			assertThat(connection.statusesOnceThereAre(2)).containsExactly("200", "401");

			connection.send("GET /api/public-data HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

			assertThat(connection.statusesOnceThereAre(3)).containsExactly("200", "401", "200");
		}
	}

	@Test
	void healthAndTheMetricsScrapeAreOpenOnTheManagementPortAndEveryOtherEndpointIsRefused() {
		WebTestClient management = WebTestClient.bindToServer()
			.baseUrl("http://localhost:" + this.managementPort)
			.build();
		this.client.get()
			.uri("/api/protected-data")
			.headers((headers) -> headers.setBearerAuth(tokens.accessToken(ALICE, "data:read")))
			.exchange()
			.expectStatus()
			.isOk();

		management.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
		management.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
		assertThat(management.get()
			.uri("/actuator/prometheus")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody()).contains("authgateway_jwks_fetches_total{outcome=\"success\"}",
					"http_server_requests_seconds_count", "r2dbc_pool_");
		for (String refused : new String[] { "/actuator/env", "/api/public-data" }) {
			management.get()
				.uri(refused)
				.exchange()
				.expectStatus()
				.value((status) -> assertThat(status).as(refused).isIn(401, 403, 404));
		}
	}

	@Test
	void theActuatorIsNotServedOnTheApplicationPort() {
		this.client.get()
			.uri("/actuator/health")
			.exchange()
			.expectStatus()
			.value((status) -> assertThat(status).isIn(401, 404));
	}

	@Test
	void anItemCanBeCreatedReadChangedAndDeletedByItsOwnerOnly() {
		String alice = tokens.accessToken(ALICE, "data:read data:write");
		String bob = tokens.accessToken(BOB, "data:read data:write");

		String location = this.client.post()
			.uri("/api/protected-data")
			.headers((headers) -> headers.setBearerAuth(alice))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(java.util.Map.of("title", "Groceries", "body", "eggs", "visibility", "private"))
			.exchange()
			.expectStatus()
			.isCreated()
			.returnResult(Void.class)
			.getResponseHeaders()
			.getLocation()
			.toString();

		this.client.get()
			.uri(location)
			.headers((h) -> h.setBearerAuth(alice))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.title")
			.isEqualTo("Groceries")
			.jsonPath("$.version")
			.isEqualTo(0);
		this.client.get().uri(location).headers((h) -> h.setBearerAuth(bob)).exchange().expectStatus().isNotFound();

		java.util.Map<String, Object> change = java.util.Map.of("title", "Groceries!", "body", "eggs, milk",
				"visibility", "public", "version", 0);
		this.client.put()
			.uri(location)
			.headers((h) -> h.setBearerAuth(alice))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(change)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.version")
			.isEqualTo(1)
			.jsonPath("$.visibility")
			.isEqualTo("public");
		// the same change again carries version 0, which is stale now
		this.client.put()
			.uri(location)
			.headers((h) -> h.setBearerAuth(alice))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(change)
			.exchange()
			.expectStatus()
			.isEqualTo(409);
		this.client.delete().uri(location).headers((h) -> h.setBearerAuth(bob)).exchange().expectStatus().isNotFound();

		this.client.delete()
			.uri(location)
			.headers((h) -> h.setBearerAuth(alice))
			.exchange()
			.expectStatus()
			.isNoContent();
		this.client.get().uri(location).headers((h) -> h.setBearerAuth(alice)).exchange().expectStatus().isNotFound();
	}

	@Test
	void pagesAreSortedAndSizedAsAsked() {
		String alice = tokens.accessToken(ALICE, "data:read");

		this.client.get()
			.uri("/api/protected-data?size=2&page=1&sort=title,asc")
			.headers((headers) -> headers.setBearerAuth(alice))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.page.number")
			.isEqualTo(1)
			.jsonPath("$.page.size")
			.isEqualTo(2)
			.jsonPath("$.page.totalElements")
			.isEqualTo(3)
			.jsonPath("$.page.totalPages")
			.isEqualTo(2)
			.jsonPath("$.content.length()")
			.isEqualTo(1)
			.jsonPath("$.content[0].title")
			.isEqualTo("Alice's travel plans");
	}

	@Test
	void aPagePastTheLastIsEmptyAndStillCountsTheItems() {
		this.client.get()
			.uri("/api/public-data?size=1&page=7&sort=updatedAt,desc")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.content.length()")
			.isEqualTo(0)
			.jsonPath("$.page.totalElements")
			.isEqualTo(2)
			.jsonPath("$.page.totalPages")
			.isEqualTo(2);
	}

	private void assertUnauthorized(String token) {
		this.client.get()
			.uri("/api/protected-data")
			.headers((headers) -> headers.setBearerAuth(token))
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.valueMatches(HttpHeaders.WWW_AUTHENTICATE, "Bearer.*invalid_token.*")
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

}
