package dev.authgateway.gateway;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.boot.json.JsonParserFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The calls the gateway's integration tests make again and again: register, log in, act
 * with a token, count audit records. Each call comes from a client address of its own (in
 * the test class's network), so the login throttle of one test never meets another's.
 */
public final class GatewayCalls {

	private final WebTestClient client;

	private final String network;

	private final AtomicInteger addresses = new AtomicInteger();

	/** Calls from addresses in {@code network}, such as {@code "10.56"}. */
	public GatewayCalls(WebTestClient client, String network) {
		this.client = client;
		this.network = network;
	}

	public String nextAddress() {
		int address = this.addresses.incrementAndGet();
		return this.network + "." + (address / 250) + "." + (address % 250 + 1);
	}

	public WebTestClient.ResponseSpec login(String username, String password) {
		return this.client.post()
			.uri("/auth/token")
			.header("X-Forwarded-For", nextAddress())
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("username", username, "password", password))
			.exchange();
	}

	public String accessToken(String username, String password) {
		return login(username, password).expectStatus()
			.isOk()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody()
			.get("access_token")
			.toString();
	}

	/** A new user (registration is on in these tests); their id. */
	public UUID register(String username, String password) {
		Map<?, ?> created = this.client.post()
			.uri("/auth/register")
			.header("X-Forwarded-For", nextAddress())
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("username", username, "password", password))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
		return UUID.fromString(created.get("id").toString());
	}

	/** A client that sends this bearer token with every call. */
	public WebTestClient as(String access) {
		return this.client.mutate().defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + access).build();
	}

	/** The claims of a JWT, read without checking it. */
	public static Map<String, Object> claims(String jwt) {
		String payload = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
		return JsonParserFactory.getJsonParser().parseMap(payload);
	}

	public static long auditEvents(DatabaseClient database, String action, UUID target) {
		return database.sql("select count(*) as n from audit_event where action = :action and target = :target")
			.bind("action", action)
			.bind("target", target.toString())
			.map((row, metadata) -> row.get("n", Long.class))
			.one()
			.block();
	}

	/** Eight characters that make a name unique among the tests'. */
	public static String suffix() {
		return UUID.randomUUID().toString().substring(0, 8);
	}

}
