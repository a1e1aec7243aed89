package dev.authgateway.gateway.user;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.authgateway.gateway.GatewayIntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stored hashes follow the encoder's settings: a login with an older hash stores a new
 * one.
 */
@GatewayIntegrationTest
class PasswordHashUpgradeIntegrationTests {

	private static final String PASSWORD = "an old and trusted passphrase";

	@Autowired
	private WebTestClient client;

	@Autowired
	private DatabaseClient database;

	@Test
	void aLoginWithAnOlderHashStoresTheHashOfTodaysSettingsAndStillWorks() {
		UUID id = UUID.randomUUID();
		String username = "bcrypt-" + id.toString().substring(0, 8);
		this.database.sql("insert into app_user (id, username, password_hash, role) values (:id, :name, :hash, 'USER')")
			.bind("id", id)
			.bind("name", username)
			.bind("hash", "{bcrypt}" + new BCryptPasswordEncoder().encode(PASSWORD))
			.then()
			.block();

		login(username).expectStatus().isOk();

		assertThat(storedHash(id)).startsWith("{argon2}$argon2id$v=19$m=19456,t=2,p=1$");
		login(username).expectStatus().isOk();
	}

	@Test
	void aLoginWithTodaysHashLeavesItAsItIs() {
		String before = this.database.sql("select password_hash from app_user where username = 'bob'")
			.map((row, metadata) -> row.get("password_hash", String.class))
			.one()
			.block();

		this.client.post()
			.uri("/auth/token")
			.header("X-Forwarded-For", "198.19.9.9")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("username", "bob", "password", "bob-password-1"))
			.exchange()
			.expectStatus()
			.isOk();

		assertThat(this.database.sql("select password_hash from app_user where username = 'bob'")
			.map((row, metadata) -> row.get("password_hash", String.class))
			.one()
			.block()).isEqualTo(before);
	}

	private WebTestClient.ResponseSpec login(String username) {
		return this.client.post()
			.uri("/auth/token")
			.header("X-Forwarded-For", "198.19.9.10")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("username", username, "password", PASSWORD))
			.exchange();
	}

	private String storedHash(UUID id) {
		return this.database.sql("select password_hash from app_user where id = :id")
			.bind("id", id)
			.map((row, metadata) -> row.get("password_hash", String.class))
			.one()
			.block();
	}

}
