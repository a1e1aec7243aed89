package dev.authgateway.gateway.key;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

class SigningKeysTests {

	@Test
	void theJwkSetWaitsForANextKeyInTheMakingOnlySoLong() {
		// stored unencrypted (no keys.encryption-key): encryption is not what this is about
		SigningKeyRow active = KeyMaterial.generate("RS256", "active", KeyEncryption.fromBase64(null));
		SigningKeyRepository repository = mock();
		given(repository.findActive()).willReturn(Mono.just(active));
		given(repository.findPublished()).willReturn(Flux.just(active));
		// a next key that is never made: a database that stopped answering, or a machine far too slow
		given(repository.findNext()).willReturn(Mono.never());
		SigningKeys keys = new SigningKeys(repository, mock(DatabaseClient.class), mock(TransactionalOperator.class),
				new KeyProperties("RS256", Duration.ofDays(30), Duration.ofHours(1), Duration.ofMinutes(15),
						null, Duration.ofMinutes(1)),
				Clock.systemUTC(), new SimpleMeterRegistry());

		Instant asked = Instant.now();
		JWKSet published = keys.publicJwkSet().block(Duration.ofSeconds(10));

		// the verifier still gets the active key, and within the gateway's 3 s request deadline
		assertThat(published.getKeys()).extracting(JWK::getKeyID).containsExactly(active.kid());
		assertThat(Duration.between(asked, Instant.now())).isLessThan(Duration.ofSeconds(3));
	}

}
