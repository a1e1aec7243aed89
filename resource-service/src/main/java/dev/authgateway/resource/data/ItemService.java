package dev.authgateway.resource.data;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import reactor.core.publisher.Mono;

import dev.authgateway.support.problem.InvalidRequest;

import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.web.server.ResponseStatusException;

/** Creating, reading, changing and deleting the caller's items. */
@Service
class ItemService {

	private final ItemRepository items;

	private final ItemQueries queries;

	private final Clock clock;

	ItemService(ItemRepository items, ItemQueries queries, Clock clock) {
		this.items = items;
		this.queries = queries;
		this.clock = clock;
	}

	Mono<Item> create(Caller caller, ItemRequest request) {
		Instant now = now();
		return this.items.save(new Item(UUID.randomUUID(), caller.id(), request.title(), request.bodyOrEmpty(),
				request.visibilityOrPrivate(), now, now, null));
	}

	/**
	 * The item, if it exists and the caller may see it; otherwise a 404 that does not say
	 * which.
	 */
	Mono<Item> find(Caller caller, UUID id) {
		return this.queries.findById(id).filter(caller::mayAccess).switchIfEmpty(Mono.error(ItemService::notFound));
	}

	Mono<Item> update(Caller caller, UUID id, ItemRequest request) {
		if (request.version() == null) {
			throw InvalidRequest.of("version", "must not be null");
		}
		return find(caller, id).flatMap((current) -> {
			if (!current.version().equals(request.version())) {
				return Mono.error(stale());
			}
			Item changed = new Item(current.id(), current.owner(), request.title(), request.bodyOrEmpty(),
					request.visibilityOrPrivate(), current.createdAt(), now(), current.version());
			// the UPDATE is conditional on the version, so a change that slipped in since
			// the read is caught too
			return this.items.save(changed);
		}).onErrorMap(OptimisticLockingFailureException.class, (ex) -> stale());
	}

	Mono<Void> delete(Caller caller, UUID id) {
		return find(caller, id).flatMap(this.items::delete);
	}

	private Instant now() {
		// PostgreSQL keeps microseconds; milliseconds read the same in JSON and after a
		// round trip
		return this.clock.instant().truncatedTo(ChronoUnit.MILLIS);
	}

	private static ResponseStatusException notFound() {
		return new ResponseStatusException(HttpStatus.NOT_FOUND, "No such item.");
	}

	private static ResponseStatusException stale() {
		return new ResponseStatusException(HttpStatus.CONFLICT,
				"The item was changed since you read it. Read it again and repeat your change.");
	}

}
