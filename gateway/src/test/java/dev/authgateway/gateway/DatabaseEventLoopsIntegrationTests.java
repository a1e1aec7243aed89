package dev.authgateway.gateway;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pooled connections run on the database's own event loops, spread over them
 * (docs/design.md, "Database event loops").
 */
@GatewayIntegrationTest
class DatabaseEventLoopsIntegrationTests {

	@Autowired
	private DatabaseClient database;

	@Test
	void concurrentStatementsAreAnsweredOnMoreThanOneDatabaseLoop() {
		List<String> threads = Flux.range(0, 8)
			.flatMap((i) -> this.database.sql("select pg_sleep(0.2)")
				.fetch()
				.rowsUpdated()
				.map((ignored) -> Thread.currentThread().getName()))
			.collectList()
			.block(Duration.ofSeconds(20));

		assertThat(threads).hasSize(8).allMatch((name) -> name.startsWith("r2dbc-"));
		assertThat(threads.stream().distinct()).hasSizeGreaterThan(1);
	}

}
