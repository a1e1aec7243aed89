package dev.authgateway.gateway.key;

import java.util.List;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import dev.authgateway.gateway.GatewayIntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** The signing key is made once and shared through PostgreSQL by restarts and every instance. */
@GatewayIntegrationTest
class SigningKeysIntegrationTests {

	@Autowired
	private SigningKeys keys;

	@Autowired
	private SigningKeyRepository repository;

	@Test
	void anotherInstanceOrARestartSignsWithTheSameKey() {
		String kid = this.keys.active().block().getKeyID();

		String kidSeenByAnotherInstance = new SigningKeys(this.repository).active().block().getKeyID();

		assertThat(kidSeenByAnotherInstance).isEqualTo(kid);
		assertThat(this.keys.publicJwkSet().block().getKeyByKeyId(kid)).isNotNull();
	}

	@Test
	void instancesRacingToCreateAKeyCannotMakeASecondActiveOne() {
		String kid = this.keys.active().block().getKeyID();

		List<Integer> inserted = Flux.range(0, 4)
			.flatMap((i) -> {
				SigningKeyRow row = RsaKeys.generate();
				return this.repository.insertActiveIfNone(row.kid(), row.algorithm(), row.publicKey(),
						row.privateKey());
			})
			.collectList()
			.block();

		assertThat(inserted).containsOnly(0);
		assertThat(this.repository.findActive().block().kid()).isEqualTo(kid);
	}

}
