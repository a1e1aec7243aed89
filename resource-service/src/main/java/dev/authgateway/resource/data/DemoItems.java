package dev.authgateway.resource.data;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import dev.authgateway.support.database.StartupRetry;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * A few private and public items for the contract's demo users alice and bob, by their
 * fixed ids, created only when {@code demo.enabled} is true. Item ids derive from their
 * content, so restarts add nothing twice. The switch is read when the application runs,
 * not as a condition on this bean: the image's bean definitions are fixed at build
 * (Spring AOT), and the demo switch is set where the image runs.
 */
@Component
class DemoItems implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(DemoItems.class);

	private static final UUID ALICE = UUID.fromString("11111111-1111-4111-8111-111111111111");

	private static final UUID BOB = UUID.fromString("22222222-2222-4222-8222-222222222222");

	private static final List<Seed> SEEDS = List.of(
			new Seed(ALICE, "Alice's shopping list", "Milk, bread, coffee.", "private"),
			new Seed(ALICE, "Alice's travel plans", "Lisbon in May.", "private"),
			new Seed(ALICE, "Alice's reading tips", "RFC 9068, RFC 8725 and RFC 9457.", "public"),
			new Seed(BOB, "Bob's passwords hint", "Not here, obviously.", "private"),
			new Seed(BOB, "Bob's todo", "Rotate the signing keys.", "private"),
			new Seed(BOB, "Bob's recipe", "Pancakes: flour, eggs, milk.", "public"));

	private final DatabaseClient database;

	private final boolean enabled;

	DemoItems(DatabaseClient database, @Value("${demo.enabled:false}") boolean enabled) {
		this.database = database;
		this.enabled = enabled;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (!this.enabled) {
			return;
		}
		Instant start = Instant.parse("2026-01-01T09:00:00Z");
		Mono<Long> inserts = Flux.range(0, SEEDS.size())
			.concatMap((i) -> insert(SEEDS.get(i), start.plus(i, ChronoUnit.MINUTES)))
			.reduce(0L, Long::sum);
		// runs once on the main thread before the application reports ready, so blocking
		// here is fine; the
		// inserts skip what exists, so a try that failed half-way is simply done again
		Long created = StartupRetry.whileUnavailable("Demo items", inserts).block();
		log.warn("Demo mode is on: {} demo item(s) created. Never expose demo mode.", created);
	}

	private Mono<Long> insert(Seed seed, Instant at) {
		UUID id = UUID.nameUUIDFromBytes((seed.owner() + seed.title()).getBytes(StandardCharsets.UTF_8));
		return this.database.sql("""
				insert into item (id, owner, title, body, visibility, created_at, updated_at, version)
				values (:id, :owner, :title, :body, :visibility, :at, :at, 0)
				on conflict (id) do nothing""")
			.bind("id", id)
			.bind("owner", seed.owner())
			.bind("title", seed.title())
			.bind("body", seed.body())
			.bind("visibility", seed.visibility())
			.bind("at", at)
			.fetch()
			.rowsUpdated();
	}

	private record Seed(UUID owner, String title, String body, String visibility) {
	}

}
