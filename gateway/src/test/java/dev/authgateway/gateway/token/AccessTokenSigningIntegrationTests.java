package dev.authgateway.gateway.token;

import java.time.Instant;
import java.util.List;
import dev.authgateway.gateway.session.SessionFacts;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.authgateway.gateway.GatewayIntegrationTest;
import dev.authgateway.gateway.user.Role;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A refresh's new access token is asked for on the database event loop that answered the
 * rotation; its signature (over a millisecond of processor time with RS256) must not run
 * there.
 */
@GatewayIntegrationTest
class AccessTokenSigningIntegrationTests {

	@Autowired
	private AccessTokenIssuer issuer;

	@Autowired
	private DatabaseClient database;

	@Test
	void aTokenAskedForOnADatabaseLoopIsSignedOnTheSigningThreads() {
		String[] threads = this.database.sql("select 1")
			.fetch()
			.rowsUpdated()
			.map((ignored) -> Thread.currentThread().getName())
			.flatMap((asked) -> this.issuer
				.issue(UUID.randomUUID(), "someone", Role.USER,
						new SessionFacts(UUID.randomUUID(), Instant.now(), List.of("pwd"), null))
				.map((token) -> new String[] { asked, Thread.currentThread().getName() }))
			.block(Duration.ofSeconds(10));

		assertThat(threads[0]).startsWith("r2dbc-");
		assertThat(threads[1]).startsWith("token-signing-");
	}

}
