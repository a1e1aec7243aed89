package dev.authgateway.resource.data;

import java.net.URI;

import jakarta.validation.Valid;
import reactor.core.publisher.Mono;

import dev.authgateway.support.paging.Page;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Who may call what is stated once, in the security configuration; this class only serves
 * data.
 */
@RestController
class DataController {

	private final ItemQueries items;

	private final ItemService itemService;

	DataController(ItemQueries items, ItemService itemService) {
		this.items = items;
		this.itemService = itemService;
	}

	@GetMapping("/api/public-data")
	Mono<Page<Item>> publicData(@RequestParam(required = false) String page,
			@RequestParam(required = false) String size, @RequestParam(required = false) String sort) {
		PageQuery query = PageQuery.parse(page, size, sort);
		return this.items.publicItems(query);
	}

	@GetMapping("/api/protected-data")
	Mono<Page<Item>> protectedData(JwtAuthenticationToken authentication, @RequestParam(required = false) String page,
			@RequestParam(required = false) String size, @RequestParam(required = false) String sort) {
		PageQuery query = PageQuery.parse(page, size, sort);
		Caller caller = Caller.of(authentication);
		if (caller.admin()) {
			return this.items.all(query);
		}
		return this.items.ownedBy(caller.id(), query);
	}

	@PostMapping(path = "/api/protected-data", consumes = MediaType.APPLICATION_JSON_VALUE)
	Mono<ResponseEntity<Item>> create(JwtAuthenticationToken authentication, @Valid @RequestBody ItemRequest request) {
		return this.itemService.create(Caller.of(authentication), request)
			.map((item) -> ResponseEntity.created(URI.create("/api/protected-data/" + item.id())).body(item));
	}

	@GetMapping("/api/protected-data/{id}")
	Mono<Item> read(JwtAuthenticationToken authentication, @PathVariable String id) {
		return this.itemService.find(Caller.of(authentication), ItemIds.parse(id));
	}

	@PutMapping(path = "/api/protected-data/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
	Mono<Item> update(JwtAuthenticationToken authentication, @PathVariable String id,
			@Valid @RequestBody ItemRequest request) {
		return this.itemService.update(Caller.of(authentication), ItemIds.parse(id), request);
	}

	@DeleteMapping("/api/protected-data/{id}")
	Mono<ResponseEntity<Void>> delete(JwtAuthenticationToken authentication, @PathVariable String id) {
		return this.itemService.delete(Caller.of(authentication), ItemIds.parse(id))
			.thenReturn(ResponseEntity.noContent().build());
	}

}
