package dev.authgateway.resource.data;

import java.util.UUID;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Who may call what is stated once, in the security configuration; this class only serves data. */
@RestController
class DataController {

	private static final String PUBLIC = "public";

	private static final SimpleGrantedAuthority ADMIN = new SimpleGrantedAuthority("SCOPE_admin");

	private final ItemRepository items;

	DataController(ItemRepository items) {
		this.items = items;
	}

	@GetMapping("/api/public-data")
	Mono<PageResponse<Item>> publicData(@RequestParam(required = false) String page,
			@RequestParam(required = false) String size, @RequestParam(required = false) String sort) {
		PageQuery query = PageQuery.parse(page, size, sort);
		return page(query, this.items.findByVisibility(PUBLIC, query.pageable()),
				this.items.countByVisibility(PUBLIC));
	}

	@GetMapping("/api/protected-data")
	Mono<PageResponse<Item>> protectedData(JwtAuthenticationToken caller,
			@RequestParam(required = false) String page, @RequestParam(required = false) String size,
			@RequestParam(required = false) String sort) {
		PageQuery query = PageQuery.parse(page, size, sort);
		if (caller.getAuthorities().contains(ADMIN)) {
			return page(query, this.items.findAllBy(query.pageable()), this.items.count());
		}
		UUID owner = UUID.fromString(caller.getToken().getSubject());
		return page(query, this.items.findByOwner(owner, query.pageable()), this.items.countByOwner(owner));
	}

	private static Mono<PageResponse<Item>> page(PageQuery query, Flux<Item> content, Mono<Long> total) {
		return Mono.zip(content.collectList(), total).map((t) -> PageResponse.of(t.getT1(), query, t.getT2()));
	}

}
