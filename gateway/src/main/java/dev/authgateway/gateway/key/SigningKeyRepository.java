package dev.authgateway.gateway.key;

import java.time.Instant;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.data.r2dbc.repository.Modifying;
import org.springframework.data.r2dbc.repository.Query;
import org.springframework.data.repository.reactive.ReactiveCrudRepository;

interface SigningKeyRepository extends ReactiveCrudRepository<SigningKeyRow, String> {

	@Query("select * from signing_key where state = 'active'")
	Mono<SigningKeyRow> findActive();

	@Query("select * from signing_key where state = 'next'")
	Mono<SigningKeyRow> findNext();

	/** Next, active and retired keys: every key a verifier may meet. */
	@Query("select * from signing_key order by created_at")
	Flux<SigningKeyRow> findPublished();

	/**
	 * Stores the key in the given state unless another instance got there first (one
	 * active key, one next key, guarded by unique indexes); returns the number of rows
	 * inserted.
	 */
	@Modifying
	@Query("""
			insert into signing_key (kid, algorithm, state, public_key, private_key, created_at, activated_at)
			values (:kid, :algorithm, :state, :publicKey, :privateKey, :now,
			        case when :state = 'active' then cast(:now as timestamptz) end)
			on conflict do nothing""")
	Mono<Integer> insertIfNone(String kid, String algorithm, String state, byte[] publicKey, byte[] privateKey,
			Instant now);

}
