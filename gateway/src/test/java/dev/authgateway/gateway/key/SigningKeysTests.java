package dev.authgateway.gateway.key;

import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

class SigningKeysTests {

	private static final KeyProperties DEFAULTS = new KeyProperties("RS256", Duration.ofDays(30), Duration.ofHours(1),
			null, Duration.ofMinutes(1), List.of(), true, Duration.ofMinutes(1));

	@Test
	void aNewDatabasesActiveKeyIsTheOneMadeWhileTheApplicationStarted() throws Exception {
		KeyPair madeAhead = KeyMaterial.generatePair("RS256");
		FirstKeyAhead firstKey = mock();
		given(firstKey.take()).willReturn(Mono.just(madeAhead));
		Map<String, SigningKeyRow> stored = new ConcurrentHashMap<>();
		SigningKeyRepository repository = mock();
		given(repository.findActive()).willReturn(Mono.fromSupplier(() -> stored.get("active")));
		given(repository.findNext()).willReturn(Mono.fromSupplier(() -> stored.get("next")));
		given(repository.findPublished()).willReturn(Flux.defer(() -> Flux.fromIterable(stored.values())));
		given(repository.insertIfNone(any(), any(), any(), any(), any(), any())).willAnswer((call) -> {
			stored.putIfAbsent(call.getArgument(2), new SigningKeyRow(call.getArgument(0), call.getArgument(1),
					call.getArgument(2), call.getArgument(3), call.getArgument(4), null, null, null));
			return Mono.just(1);
		});

		JWK active = signingKeys(repository, firstKey).active().block(Duration.ofSeconds(10));

		assertThat(active.toRSAKey().toPublicKey()).isEqualTo(madeAhead.getPublic());
		// taken once, for the active key: the next key is made without it
		verify(firstKey).take();
	}

	@Test
	void theJwkSetWaitsForANextKeyInTheMakingOnlySoLong() {
		// stored unencrypted (no keys.encryption-key): encryption is not what this is
		// about
		SigningKeyRow active = KeyMaterial.row(KeyMaterial.generatePair("RS256"), "RS256", "active",
				KeyEncryption.fromBase64(null));
		SigningKeyRepository repository = mock();
		given(repository.findActive()).willReturn(Mono.just(active));
		given(repository.findPublished()).willReturn(Flux.just(active));
		// a next key that is never made: a database that stopped answering, or a machine
		// far too slow
		given(repository.findNext()).willReturn(Mono.never());
		SigningKeys keys = signingKeys(repository, new FirstKeyAhead(DEFAULTS));

		Instant asked = Instant.now();
		JWKSet published = keys.publicJwkSet().block(Duration.ofSeconds(10));

		// the verifier still gets the active key, and within the gateway's 3 s request
		// deadline
		assertThat(published.getKeys()).extracting(JWK::getKeyID).containsExactly(active.kid());
		assertThat(Duration.between(asked, Instant.now())).isLessThan(Duration.ofSeconds(3));
	}

	@Test
	void theStartWaitsForADatabaseThatGivesNoConnectionAtFirst() {
		SigningKeyRow active = KeyMaterial.row(KeyMaterial.generatePair("RS256"), "RS256", "active",
				KeyEncryption.fromBase64(null));
		AtomicInteger tries = new AtomicInteger();
		SigningKeyRepository repository = mock();
		// a busy machine: the pool gives no connection within its bound for the first two
		// tries
		given(repository.findActive()).willReturn(Mono.defer(() -> (tries.incrementAndGet() <= 2)
				? Mono.error(new DataAccessResourceFailureException("Failed to obtain R2DBC Connection"))
				: Mono.just(active)));
		SigningKeyRow next = KeyMaterial.row(KeyMaterial.generatePair("RS256"), "RS256", "next",
				KeyEncryption.fromBase64(null));
		given(repository.findPublished()).willReturn(Flux.just(active, next));
		SigningKeys keys = signingKeys(repository, new FirstKeyAhead(DEFAULTS));
		SigningKeysAtStart start = new SigningKeysAtStart(keys,
				new SigningKeyEncryptionAtStart(repository, mock(DatabaseClient.class), DEFAULTS));

		start.afterSingletonsInstantiated();
		start.run(new DefaultApplicationArguments());

		assertThat(tries).hasValue(3);
		assertThat(keys.active().block(Duration.ofSeconds(10)).getKeyID()).isEqualTo(active.kid());
	}

	private static SigningKeys signingKeys(SigningKeyRepository repository, FirstKeyAhead firstKey) {
		return new SigningKeys(repository, mock(DatabaseClient.class), mock(TransactionalOperator.class), DEFAULTS,
				firstKey, Clock.systemUTC(), new SimpleMeterRegistry(), Duration.ofMinutes(5));
	}

}
