package dev.authgateway.gateway.key;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.data.r2dbc.repository.Modifying;
import org.springframework.data.r2dbc.repository.Query;
import org.springframework.data.repository.reactive.ReactiveCrudRepository;

interface SigningKeyRepository extends ReactiveCrudRepository<SigningKeyRow, String> {

	@Query("select * from signing_key where state = 'active'")
	Mono<SigningKeyRow> findActive();

	@Query("select * from signing_key order by created_at")
	Flux<SigningKeyRow> findPublished();

	/** Stores the key as the active one unless another instance got there first. */
	@Modifying
	@Query("""
			insert into signing_key (kid, algorithm, state, public_key, private_key)
			values (:kid, :algorithm, 'active', :publicKey, :privateKey)
			on conflict do nothing""")
	Mono<Integer> insertActiveIfNone(String kid, String algorithm, byte[] publicKey, byte[] privateKey);

}
