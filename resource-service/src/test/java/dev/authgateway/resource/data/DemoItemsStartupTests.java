package dev.authgateway.resource.data;

import java.time.Duration;

import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactoryOptions;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.postgresql.PostgreSQLContainer;
import reactor.core.publisher.Mono;

import dev.authgateway.testsupport.TestDatabases;

import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.r2dbc.core.DatabaseClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo items are written even when the database gives no connection within the pool's
 * bound at first, as on a busy machine where several replicas start at once: the start
 * tries again rather than ending.
 */
@Testcontainers
class DemoItemsStartupTests {

	@Container
	static final PostgreSQLContainer postgres = TestDatabases.postgres();

	private ConnectionPool pool;

	@BeforeAll
	static void migrate() {
		Flyway.configure()
			.dataSource(postgres.getJdbcUrl(), postgres.getUsername(), postgres.getPassword())
			.locations("classpath:db/resource")
			.load()
			.migrate();
	}

	@AfterEach
	void closePool() {
		this.pool.dispose();
	}

	@Test
	void demoItemsAreWrittenOnceAPoolThatWasBusyAtStartGivesAConnection() {
		// one connection, given within half a second or not at all: held below for longer
		// than that
		this.pool = new ConnectionPool(ConnectionPoolConfiguration.builder(ConnectionFactories.get(options()))
			.maxSize(1)
			.maxAcquireTime(Duration.ofMillis(500))
			.build());
		Connection held = Mono.from(this.pool.create()).block(Duration.ofSeconds(10));
		Mono.delay(Duration.ofMillis(1500)).then(Mono.from(held.close())).subscribe();
		DatabaseClient database = DatabaseClient.create(this.pool);

		new DemoItems(database, true).run(new DefaultApplicationArguments());

		Long items = database.sql("select count(*) from item")
			.map((row) -> row.get(0, Long.class))
			.one()
			.block(Duration.ofSeconds(10));
		assertThat(items).isEqualTo(6);
	}

	private static ConnectionFactoryOptions options() {
		return ConnectionFactoryOptions.builder()
			.option(ConnectionFactoryOptions.DRIVER, "postgresql")
			.option(ConnectionFactoryOptions.HOST, postgres.getHost())
			.option(ConnectionFactoryOptions.PORT, postgres.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT))
			.option(ConnectionFactoryOptions.DATABASE, postgres.getDatabaseName())
			.option(ConnectionFactoryOptions.USER, postgres.getUsername())
			.option(ConnectionFactoryOptions.PASSWORD, postgres.getPassword())
			.build();
	}

}
