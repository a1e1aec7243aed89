package dev.authgateway.gateway.key;

import java.security.KeyPair;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * On a database without an active key (a new deployment), starts making the first one as
 * soon as the migrations have run, on another core while the application's beans are
 * created; {@link SigningKeys} takes it when it loads the keys. An RSA key takes about a
 * second on a cold JVM, which a first start otherwise spent after its beans, before it
 * could report ready. A start on a database that has its keys costs one query here, no
 * key.
 */
@Component
class FirstKeyAhead implements Callback {

	private static final Logger log = LoggerFactory.getLogger(FirstKeyAhead.class);

	private final String algorithm;

	private final AtomicReference<CompletableFuture<KeyPair>> inTheMaking = new AtomicReference<>();

	FirstKeyAhead(KeyProperties properties) {
		this.algorithm = properties.algorithm();
	}

	@Override
	public boolean supports(Event event, Context context) {
		return event == Event.AFTER_MIGRATE;
	}

	/**
	 * Outside the migrations' transaction: a query that fails here must not touch their
	 * outcome.
	 */
	@Override
	public boolean canHandleInTransaction(Event event, Context context) {
		return false;
	}

	@Override
	public void handle(Event event, Context context) {
		if (!hasActiveKey(context)) {
			log.info("No active signing key in the database: making one while the application starts");
			this.inTheMaking.set(CompletableFuture.supplyAsync(() -> KeyMaterial.generatePair(this.algorithm)));
		}
	}

	@Override
	public String getCallbackName() {
		return "first signing key ahead";
	}

	/**
	 * The key pair made ahead, once; empty when there is none or making it failed (the
	 * caller makes one).
	 */
	Mono<KeyPair> take() {
		CompletableFuture<KeyPair> made = this.inTheMaking.getAndSet(null);
		return (made != null) ? Mono.fromFuture(made).onErrorResume((ex) -> Mono.empty()) : Mono.empty();
	}

	private static boolean hasActiveKey(Context context) {
		try (Statement statement = context.getConnection().createStatement();
				ResultSet result = statement
					.executeQuery("select exists (select 1 from signing_key where state = 'active')")) {
			return result.next() && result.getBoolean(1);
		}
		catch (SQLException ex) {
			// only a head start is lost: the key is made when the keys are loaded, as
			// without this
			return true;
		}
	}

}
