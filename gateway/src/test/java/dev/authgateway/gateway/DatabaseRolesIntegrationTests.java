package dev.authgateway.gateway;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.testcontainers.postgresql.PostgreSQLContainer;

import dev.authgateway.testsupport.TestDatabases;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The gateway runs with a login that reads and writes its tables and can change no
 * schema; the schema belongs to the owner that migrated it.
 */
@GatewayIntegrationTest
class DatabaseRolesIntegrationTests {

	@Autowired
	private PostgreSQLContainer postgres;

	@Test
	void theSchemaWasMigratedByTheDatabasesOwner() throws SQLException {
		try (Connection connection = TestDatabases.superuser(this.postgres, "gateway");
				Statement statement = connection.createStatement();
				ResultSet owners = statement
					.executeQuery("select distinct tableowner from pg_tables where schemaname = 'public' order by 1")) {
			assertThat(owners.next()).isTrue();
			assertThat(owners.getString(1)).isEqualTo("gateway_owner");
			assertThat(owners.next()).as("one owner of every table").isFalse();
		}
	}

	@Test
	void theGatewaysLoginReadsAndWritesItsTablesButCannotChangeTheSchema() throws SQLException {
		try (Connection connection = TestDatabases.app(this.postgres, "gateway");
				Statement statement = connection.createStatement()) {
			try (ResultSet users = statement.executeQuery("select count(*) from app_user")) {
				assertThat(users.next()).isTrue();
			}
			for (String change : new String[] { "create table intruder (id int)", "drop table app_user",
					"alter table app_user add column intruder int", "truncate audit_event" }) {
				assertThatExceptionOfType(SQLException.class).as(change)
					.isThrownBy(() -> statement.execute(change))
					.satisfies((ex) -> assertThat(ex.getSQLState()).isEqualTo("42501"));
			}
		}
	}

}
