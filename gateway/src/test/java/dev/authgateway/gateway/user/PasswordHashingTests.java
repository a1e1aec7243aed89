package dev.authgateway.gateway.user;

import java.time.Duration;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.web.ErrorResponse;

import static org.assertj.core.api.Assertions.assertThat;

class PasswordHashingTests {

	private final PasswordHashing hashing = new PasswordHashing(new PasswordHashingProperties(2, 16));

	@AfterEach
	void stop() {
		this.hashing.destroy();
	}

	@Test
	void newHashesAreArgon2idWithOwaspParameters() {
		String hash = this.hashing.hash("correct horse battery staple").block();

		assertThat(hash).startsWith("{argon2}$argon2id$v=19$m=19456,t=2,p=1$");
	}

	@Test
	void passwordsOf128CharactersWorkAndEveryCharacterCounts() {
		String password = "p".repeat(127) + "1";
		String hash = this.hashing.hash(password).block();

		assertThat(this.hashing.matches(password, hash).block()).isTrue();
		assertThat(this.hashing.matches("p".repeat(127) + "2", hash).block()).isFalse();
	}

	@Test
	void hashingRunsOnItsOwnThreadsNotTheCallers() {
		String thread = this.hashing.hash("x").map((ignored) -> Thread.currentThread().getName()).block();

		assertThat(thread).startsWith("password-hashing");
	}

	@Test
	void aFullHashingQueueRefusesWithA503AndRetryAfterRatherThanAnError() {
		PasswordHashing busy = new PasswordHashing(new PasswordHashingProperties(1, 1));
		try {
			List<Object> outcomes = Flux.range(0, 8)
				.flatMap((i) -> busy.matches("password-" + i, PasswordHashing.NOBODYS_HASH)
					.<Object>map((matched) -> matched)
					.onErrorResume((ex) -> Mono.just(ex)), 8)
				.collectList()
				.block(Duration.ofSeconds(30));

			assertThat(outcomes).filteredOn(Throwable.class::isInstance)
				.isNotEmpty()
				.allSatisfy((refused) -> assertThat(refused).isInstanceOfSatisfying(ErrorResponse.class, (error) -> {
					assertThat(error.getStatusCode().value()).isEqualTo(503);
					assertThat(error.getHeaders().getFirst("Retry-After")).isNotBlank();
				}));
		}
		finally {
			busy.destroy();
		}
	}

	@Test
	void aMissingUserNeverMatches() {
		assertThat(this.hashing.matchesNobody("anything").block()).isFalse();
	}

	@Test
	void aMissingUsersCheckCostsWhatAnExistingUsersDoes() {
		String[] nobodys = PasswordHashing.NOBODYS_HASH.split("\\$");
		String[] someones = this.hashing.hash("correct horse battery staple").block().split("\\$");

		// encoder, algorithm, version and cost parameters the same; salt and hash well
		// formed and as long
		assertThat(nobodys).hasSameSizeAs(someones);
		assertThat(nobodys).startsWith(someones[0], someones[1], someones[2], someones[3]);
		assertThat(Base64.getDecoder().decode(nobodys[4])).hasSameSizeAs(Base64.getDecoder().decode(someones[4]));
		assertThat(Base64.getDecoder().decode(nobodys[5])).hasSameSizeAs(Base64.getDecoder().decode(someones[5]));
	}

}
