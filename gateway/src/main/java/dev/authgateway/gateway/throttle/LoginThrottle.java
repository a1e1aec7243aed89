package dev.authgateway.gateway.throttle;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Brute-force protection, with its state in PostgreSQL so every gateway instance sees the same counts.
 * Failures are counted for the account and address together (growing delays after a few), for the account
 * alone (a looser cap, so an attacker at one address cannot lock the owner out from another) and for the
 * address alone (a cap across accounts, against password spraying). A key that must wait is refused before
 * any password is hashed.
 */
@Component
public class LoginThrottle {

	private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);

	private final DatabaseClient database;

	private final ThrottleProperties properties;

	private final Clock clock;

	LoginThrottle(DatabaseClient database, ThrottleProperties properties, Clock clock) {
		this.database = database;
		this.properties = properties;
		this.clock = clock;
	}

	/** Completes when the attempt may go ahead; fails with a 429 when any of its keys must still wait. */
	public Mono<Void> checkLogin(String username, String address) {
		return check(List.of(pair(username, address), account(username), address(address)));
	}

	public Mono<Void> loginFailed(String username, String address) {
		if (!this.properties.enabled()) {
			return Mono.empty();
		}
		Mono<Void> pair = count(pair(username, address)).flatMap((failures) -> {
			int over = failures - this.properties.freeFailures();
			return (over > 0) ? block(pair(username, address), growingDelay(over)) : Mono.empty();
		});
		Mono<Void> account = count(account(username)).flatMap((failures) -> (failures >= this.properties
			.accountMaxFailures()) ? block(account(username), this.properties.accountPause()) : Mono.empty());
		return Flux.concat(pair, account, countAddress(address)).then();
	}

	/** A successful login clears the delays of that account at that address. */
	public Mono<Void> loginSucceeded(String username, String address) {
		if (!this.properties.enabled()) {
			return Mono.empty();
		}
		return this.database.sql("delete from login_throttle where key = :key")
			.bind("key", pair(username, address))
			.then();
	}

	/** Registration attempts count against the address like failed logins do. */
	public Mono<Void> checkAndCountRegistration(String address) {
		return check(List.of(address(address))).then(this.properties.enabled() ? countAddress(address) : Mono.empty());
	}

	@Scheduled(fixedDelayString = "${throttling.window:15m}", initialDelayString = "${throttling.window:15m}")
	Mono<Void> purge() {
		Instant now = this.clock.instant();
		return this.database
			.sql("delete from login_throttle where window_start < :before and (blocked_until is null or blocked_until < :now)")
			.bind("before", now.minus(this.properties.window()))
			.bind("now", now)
			.then()
			.onErrorResume((ex) -> {
				log.warn("Purging login throttle rows failed; will try again: {}", ex.toString());
				return Mono.empty();
			});
	}

	private Mono<Void> check(List<String> keys) {
		if (!this.properties.enabled()) {
			return Mono.empty();
		}
		Instant now = this.clock.instant();
		return this.database
			.sql("select max(blocked_until) as until from login_throttle where key in (:keys) and blocked_until > :now")
			.bind("keys", keys)
			.bind("now", now)
			.map((row, metadata) -> java.util.Optional.ofNullable(row.get("until", Instant.class)))
			.one()
			.flatMap((until) -> until.isPresent()
					? Mono.error(new TooManyAttemptsException(Duration.between(now, until.get())))
					: Mono.empty());
	}

	private Mono<Void> countAddress(String address) {
		return count(address(address)).flatMap((attempts) -> (attempts >= this.properties.addressMaxAttempts())
				? block(address(address), this.properties.addressPause()) : Mono.empty());
	}

	/** Counts one more failure in the key's window (starting a new window when the old one is over). */
	private Mono<Integer> count(String key) {
		Instant now = this.clock.instant();
		return this.database.sql("""
				insert into login_throttle (key, failures, window_start) values (:key, 1, :now)
				on conflict (key) do update set
				  failures = case when login_throttle.window_start < :windowStart then 1
				                  else login_throttle.failures + 1 end,
				  window_start = case when login_throttle.window_start < :windowStart then :now
				                      else login_throttle.window_start end
				returning failures""")
			.bind("key", key)
			.bind("now", now)
			.bind("windowStart", now.minus(this.properties.window()))
			.map((row, metadata) -> row.get("failures", Integer.class))
			.one();
	}

	private Mono<Void> block(String key, Duration duration) {
		return this.database
			.sql("update login_throttle set blocked_until = :until where key = :key")
			.bind("until", this.clock.instant().plus(duration))
			.bind("key", key)
			.then();
	}

	private Duration growingDelay(int failuresOverFree) {
		long seconds = 1L << Math.min(failuresOverFree, 20);
		Duration delay = Duration.ofSeconds(seconds);
		return (delay.compareTo(this.properties.maxDelay()) > 0) ? this.properties.maxDelay() : delay;
	}

	private static String pair(String username, String address) {
		return "pair:" + normal(username) + "|" + address;
	}

	private static String account(String username) {
		return "account:" + normal(username);
	}

	private static String address(String address) {
		return "address:" + address;
	}

	private static String normal(String username) {
		String lower = username.toLowerCase(Locale.ROOT);
		return (lower.length() > 64) ? lower.substring(0, 64) : lower;
	}

}
