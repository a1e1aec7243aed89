package dev.authgateway.resource.data;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Mono;

import dev.authgateway.support.paging.Page;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * The reads on every request's path, in plain SQL: Spring Data's derived queries resolve
 * each snake_case column as a Java property first and fail with an exception per column
 * and query (spring-data-relational#2335), which cost a quarter of the resource service's
 * CPU under load. One query per page: the total comes with the rows, counted once by a
 * sub-select. (A window count, {@code count(*)
 * over ()}, made the database read and sort every matching row to return a page of them:
 * reads slowed down as an owner's items grew.)
 */
@Component
class ItemQueries {

	private static final String COLUMNS = "id, owner, title, body, visibility, created_at, updated_at, version";

	private final DatabaseClient database;

	ItemQueries(DatabaseClient database) {
		this.database = database;
	}

	Mono<Page<Item>> publicItems(PageQuery query) {
		return page("visibility = 'public'", null, query);
	}

	Mono<Page<Item>> ownedBy(UUID owner, PageQuery query) {
		return page("owner = :owner", owner, query);
	}

	Mono<Page<Item>> all(PageQuery query) {
		return page("true", null, query);
	}

	Mono<Item> findById(UUID id) {
		return this.database.sql("select " + COLUMNS + " from item where id = :id")
			.bind("id", id)
			.map(ItemQueries::item)
			.one();
	}

	/**
	 * {@code where} is one of this class's constants; the order comes from
	 * {@link PageQuery}'s fixed list.
	 */
	private Mono<Page<Item>> page(String where, UUID owner, PageQuery query) {
		DatabaseClient.GenericExecuteSpec select = this.database
			.sql("select " + COLUMNS + ", (select count(*) from item where " + where + ") as total from item where "
					+ where + " order by " + query.orderBy() + " limit :limit offset :offset")
			.bind("limit", query.size())
			.bind("offset", (long) query.page() * query.size());
		return withOwner(select, owner).map((row) -> new Counted(item(row), row.get("total", Long.class)))
			.all()
			.collectList()
			.flatMap((rows) -> {
				if (rows.isEmpty() && query.page() > 0) {
					// past the last page: no row carries the total, so count separately
					return count(where, owner).map((total) -> Page.of(List.of(), query.paging(), total));
				}
				long total = rows.isEmpty() ? 0 : rows.get(0).total();
				return Mono.just(Page.of(rows.stream().map(Counted::item).toList(), query.paging(), total));
			});
	}

	private Mono<Long> count(String where, UUID owner) {
		return withOwner(this.database.sql("select count(*) from item where " + where), owner)
			.map((row) -> row.get(0, Long.class))
			.one();
	}

	private static DatabaseClient.GenericExecuteSpec withOwner(DatabaseClient.GenericExecuteSpec statement,
			UUID owner) {
		return (owner != null) ? statement.bind("owner", owner) : statement;
	}

	private static Item item(Readable row) {
		return new Item(row.get("id", UUID.class), row.get("owner", UUID.class), row.get("title", String.class),
				row.get("body", String.class), row.get("visibility", String.class),
				row.get("created_at", Instant.class), row.get("updated_at", Instant.class),
				row.get("version", Integer.class));
	}

	private record Counted(Item item, long total) {
	}

}
