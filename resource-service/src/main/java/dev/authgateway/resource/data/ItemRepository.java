package dev.authgateway.resource.data;

import java.util.UUID;

import org.springframework.data.repository.reactive.ReactiveCrudRepository;

/** Writes (insert, optimistic update, delete); the reads are in {@link ItemQueries}. */
interface ItemRepository extends ReactiveCrudRepository<Item, UUID> {

}
