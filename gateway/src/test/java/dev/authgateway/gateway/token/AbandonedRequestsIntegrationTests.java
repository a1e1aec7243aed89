package dev.authgateway.gateway.token;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import dev.authgateway.gateway.GatewayIntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Clients that go away mid-request (a closed tab, a load tool stopping) cancel the work
 * on the server, some of it inside a transaction. Whatever they cancel, no pooled
 * connection may be left in a transaction, or later statements on it would answer without
 * ever being committed: a refresh token returned to a client would be unknown to every
 * other connection.
 */
@GatewayIntegrationTest
class AbandonedRequestsIntegrationTests {

	@LocalServerPort
	private int port;

	@Autowired
	private DatabaseClient database;

	@Test
	void loginsAbandonedMidwayLeaveNoConnectionInATransactionAndEveryNewRefreshTokenWorksAtOnce() throws Exception {
		WebClient http = WebClient.create("http://localhost:" + this.port);
		for (int i = 0; i < 40; i++) {
			login(http, i).retrieve()
				.toBodilessEntity()
				.timeout(Duration.ofMillis(5 + 4L * i))
				.onErrorResume((ex) -> Mono.empty())
				.block();
		}
		Thread.sleep(1000);

		assertThat(connectionsInATransaction()).isZero();
		List<String> chains = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			chains.add(login(http, 100 + i).retrieve().bodyToMono(Map.class).block().get("refresh_token").toString());
		}
		for (int step = 0; step < 50; step++) {
			for (int chain = 0; chain < chains.size(); chain++) {
				Map<?, ?> rotated = http.post()
					.uri("/auth/refresh")
					.contentType(MediaType.APPLICATION_JSON)
					.bodyValue(Map.of("refresh_token", chains.get(chain)))
					.retrieve()
					.bodyToMono(Map.class)
					.block();
				chains.set(chain, rotated.get("refresh_token").toString());
			}
		}
	}

	private WebClient.RequestHeadersSpec<?> login(WebClient http, int client) {
		return http.post()
			.uri("/auth/token")
			.header("X-Forwarded-For", "198.51.100." + (client % 200 + 1))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("username", "alice", "password", "alice-password-1"));
	}

	private long connectionsInATransaction() {
		return this.database.sql("""
				select count(*) from pg_stat_activity
				where datname = current_database() and pid <> pg_backend_pid() and state like 'idle in transaction%'""")
			.map((row) -> row.get(0, Long.class))
			.one()
			.block();
	}

}
