package dev.authgateway.gateway.throttle;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import reactor.core.publisher.Mono;

import dev.authgateway.gateway.web.AddressRange;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * The throttle's active blocks as admins see them, and lifting them: for an account (at
 * every address) or for an address (for every account), say after the owner called.
 */
@Component
public class ThrottleBlocks {

	/**
	 * The keys of the account (alone, and at every address) and of the address (alone,
	 * and for every account); an empty filter matches none.
	 */
	private static final String MATCHING = """
			(key = :account or (:accountPairs <> '' and starts_with(key, :accountPairs))
			  or key = :address or (:subscriber <> '' and key like 'pair:%' and split_part(key, '|', 2) = :subscriber))""";

	private final DatabaseClient database;

	private final Clock clock;

	ThrottleBlocks(DatabaseClient database, Clock clock) {
		this.database = database;
		this.clock = clock;
	}

	/**
	 * The keys that must wait now, for the account or the address when either is given,
	 * longest wait first.
	 */
	public Mono<List<Block>> list(String username, String address) {
		return bindFilter(this.database.sql("""
				select key, failures, blocked_until,
				  exists (select 1 from app_user u where lower(u.username) = case
				    when key like 'pair:%' then split_part(substr(key, 6), '|', 1)
				    when key like 'account:%' then substr(key, 9) end) as account_exists
				from login_throttle
				where blocked_until > :now and (""" + MATCHING + """
				 or (:account = '' and :address = ''))
				order by blocked_until desc, key limit 500"""), username, address).bind("now", this.clock.instant())
			.map((row, metadata) -> Block.of(row.get("key", String.class), row.get("failures", Integer.class),
					row.get("blocked_until", Instant.class),
					Boolean.TRUE.equals(row.get("account_exists", Boolean.class))))
			.all()
			.collectList();
	}

	/**
	 * Deletes the counts of the account or of the address, blocks included; returns how
	 * many.
	 */
	public Mono<Long> clear(String username, String address) {
		return bindFilter(this.database.sql("delete from login_throttle where " + MATCHING), username, address).fetch()
			.rowsUpdated();
	}

	/**
	 * Binds the keys of the account and of the address; an empty one matches no key.
	 */
	private static DatabaseClient.GenericExecuteSpec bindFilter(DatabaseClient.GenericExecuteSpec spec, String username,
			String address) {
		boolean byAccount = username != null && !username.isBlank();
		boolean byAddress = address != null && !address.isBlank();
		return spec.bind("account", byAccount ? LoginThrottle.account(username) : "")
			.bind("accountPairs", byAccount ? LoginThrottle.pair(username, "") : "")
			.bind("address", byAddress ? LoginThrottle.address(address) : "")
			.bind("subscriber", byAddress ? AddressRange.subscriberOf(address.strip()) : "");
	}

	/**
	 * A key that must wait: an account at one address ({@code kind} {@code pair}), an
	 * account, or an address. A typed name that matches no account is not shown: it is
	 * often a password typed in the wrong field.
	 */
	public record Block(String kind, String username, String address, int failures, Instant blockedUntil) {

		static Block of(String key, Integer failures, Instant blockedUntil, boolean accountExists) {
			int failureCount = (failures != null) ? failures : 0;
			if (key.startsWith("pair:")) {
				String[] parts = key.substring("pair:".length()).split("\\|", 2);
				return new Block("pair", accountExists ? parts[0] : null, (parts.length > 1) ? parts[1] : null,
						failureCount, blockedUntil);
			}
			if (key.startsWith("account:")) {
				return new Block("account", accountExists ? key.substring("account:".length()) : null, null,
						failureCount, blockedUntil);
			}
			return new Block("address", null, key.substring(key.indexOf(':') + 1), failureCount, blockedUntil);
		}

	}

}
