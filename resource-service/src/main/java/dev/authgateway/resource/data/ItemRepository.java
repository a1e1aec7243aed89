package dev.authgateway.resource.data;

import java.util.UUID;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.data.domain.Pageable;
import org.springframework.data.repository.reactive.ReactiveCrudRepository;

interface ItemRepository extends ReactiveCrudRepository<Item, UUID> {

	Flux<Item> findAllBy(Pageable pageable);

	Flux<Item> findByVisibility(String visibility, Pageable pageable);

	Mono<Long> countByVisibility(String visibility);

	Flux<Item> findByOwner(UUID owner, Pageable pageable);

	Mono<Long> countByOwner(UUID owner);

}
