package dev.authgateway.gateway.session;

import java.util.List;

import java.time.Instant;

import java.time.Duration;
import java.util.UUID;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.authgateway.gateway.GatewayIntegrationTest;
import dev.authgateway.gateway.IntegrationTestConfiguration.TestClock;
import dev.authgateway.testsupport.DemoUsers;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The refresh token store's own rules: the reuse grace period, what is stored, and
 * purging.
 */
@GatewayIntegrationTest
class RefreshTokensIntegrationTests {

	private static final UUID ALICE = DemoUsers.ALICE;

	@Autowired
	private DatabaseClient database;

	@Autowired
	private TransactionalOperator transaction;

	@Autowired
	private TestClock clock;

	@Autowired
	private RefreshTokens defaults;

	@AfterEach
	void resetClock() {
		this.clock.reset();
	}

	@Test
	void withAGracePeriodASpentTokenStillRefreshesForThatLongAndNoLonger() {
		RefreshTokens lenient = store(Duration.ofSeconds(30));
		String token = lenient.startFamily(aliceLogsIn()).block().value();
		lenient.rotate(token, null).block();

		this.clock.advance(Duration.ofSeconds(20));
		assertThat(lenient.rotate(token, null).block().account().userId()).isEqualTo(ALICE);

		this.clock.advance(Duration.ofSeconds(20));
		assertThatThrownBy(() -> lenient.rotate(token, null).block()).isInstanceOf(RefreshTokenRejectedException.class);
	}

	@Test
	void onlyAHashOfEachTokenIsStored() {
		String token = this.defaults.startFamily(aliceLogsIn()).block().value();

		Long plain = this.database.sql("select count(*) from refresh_token where token_hash = convert_to(:t, 'UTF8')")
			.bind("t", token)
			.map((row, metadata) -> row.get(0, Long.class))
			.one()
			.block();
		Long hashed = this.database
			.sql("select count(*) from refresh_token where token_hash = sha256(convert_to(:t, 'UTF8'))")
			.bind("t", token)
			.map((row, metadata) -> row.get(0, Long.class))
			.one()
			.block();

		assertThat(plain).isZero();
		assertThat(hashed).isOne();
	}

	@Test
	void purgingDeletesExpiredSessionsAndKeepsLiveOnes() {
		String expiring = this.defaults.startFamily(aliceLogsIn()).block().value();
		this.clock.advance(Duration.ofDays(8));
		String live = this.defaults.startFamily(aliceLogsIn()).block().value();

		this.defaults.purge().block();

		assertThat(this.defaults.findActive(live).blockOptional()).isPresent();
		assertThat(count(expiring)).isZero();
	}

	@Test
	void malformedTokensAreRefusedWithoutTouchingTheDatabase() {
		assertThatThrownBy(() -> this.defaults.rotate("' or 1=1 --", null).block())
			.isInstanceOf(RefreshTokenRejectedException.class);
		assertThat(this.defaults.revokeFamilyOf("x".repeat(5000), "test").block()).isFalse();
	}

	private long count(String token) {
		return this.database.sql("select count(*) from refresh_token where token_hash = :h")
			.bind("h", OpaqueTokens.hash(token))
			.map((row, metadata) -> row.get(0, Long.class))
			.one()
			.block();
	}

	private RefreshTokens store(Duration grace) {
		return new RefreshTokens(this.database, this.transaction,
				new SessionProperties(Duration.ofDays(1), Duration.ofDays(7), grace, Duration.ofHours(1)), this.clock,
				new SimpleMeterRegistry());
	}

	private static SessionStart aliceLogsIn() {
		return new SessionStart(UUID.randomUUID(), ALICE, "web", Instant.now(), List.of("pwd"), "test", "127.0.0.1",
				null);
	}

}
