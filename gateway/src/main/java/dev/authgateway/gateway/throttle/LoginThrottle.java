package dev.authgateway.gateway.throttle;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import dev.authgateway.gateway.web.AddressRange;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Brute-force protection, with its state in PostgreSQL so every gateway instance sees the
 * same counts. Attempts are counted for the account and address together (growing delays
 * after a few), for the account alone (a looser cap, so an attacker at one address cannot
 * lock the owner out from another) and for the address alone (a cap across accounts,
 * against password spraying). IPv6 addresses count by their /64, the block one subscriber
 * gets.
 * <p>
 * An attempt is reserved before its password is hashed, by one conditional upsert that
 * counts it as a failure and answers whether it may go ahead, and a success gives the
 * reservation back. So of any number of concurrent guesses, on one gateway or many, no
 * more are hashed than the limits allow: a check first and a count after the hash would
 * let a parallel burst through whole.
 */
@Component
public class LoginThrottle {

	private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);

	/**
	 * A key's count after one more attempt: a window that is over starts again at one.
	 */
	private static final String NEXT_COUNT = "case when t.window_start < :windowStart then 1 else t.failures + 1 end";

	/** When a key with {@code n} counted attempts must wait; null while it need not. */
	private static final String BLOCK = """
			case
			  when %1$s like 'pair:%%' then case when %2$s > :free then cast(:now as timestamptz)
			    + make_interval(secs => least(power(2, least(%2$s - :free, 20)), :maxDelay)) end
			  when %1$s like 'account:%%' then case when %2$s >= :accountMax then cast(:now as timestamptz)
			    + make_interval(secs => :accountPause) end
			  else case when %2$s >= :addressMax then cast(:now as timestamptz) + make_interval(secs => :addressPause) end
			end""";

	/**
	 * Counts one attempt on each key that is not waiting, unless any of them is; returns
	 * the keys counted and the wait each one's count set. Rows are locked in key order,
	 * as in every statement here, so that concurrent statements never deadlock.
	 */
	private static final String RESERVE = """
			with waiting as (
			  select 1 from login_throttle where key = any(cast(:keys as varchar[])) and blocked_until > :now)
			insert into login_throttle as t (key, failures, window_start, blocked_until)
			select key, 1, :now, %1$s from unnest(cast(:keys as varchar[])) as key
			where not exists (select 1 from waiting) order by key
			on conflict (key) do update set
			  failures = %2$s,
			  window_start = case when t.window_start < :windowStart then :now else t.window_start end,
			  blocked_until = %3$s
			where t.blocked_until is null or t.blocked_until <= :now
			returning t.key, t.blocked_until""".formatted(BLOCK.formatted("key", "1"), NEXT_COUNT,
			BLOCK.formatted("t.key", NEXT_COUNT));

	/** The keys' rows, locked in key order. */
	private static final String LOCKED = """
			with locked as (
			  select key from login_throttle where key = any(cast(:keys as varchar[])) order by key for update)
			""";

	/**
	 * Gives one attempt back on each key, and lifts the wait that this attempt's count
	 * set, if no later count has set another since.
	 */
	private static final String GIVE_BACK = """
			update login_throttle t set failures = greatest(t.failures - 1, 0),
			  blocked_until = case when t.blocked_until = any(cast(cast(:setBy as text[]) as timestamptz[])) then null
			                       else t.blocked_until end
			from locked where t.key = locked.key and t.key <> :keep""";

	private final DatabaseClient database;

	private final ThrottleProperties properties;

	private final Clock clock;

	LoginThrottle(DatabaseClient database, ThrottleProperties properties, Clock clock) {
		this.database = database;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Reserves a login attempt before its password is checked: it counts as a failure
	 * until {@link #loginSucceeded} or {@link #loginUnchecked} gives it back. Fails with
	 * a 429 when any of its keys must wait.
	 */
	public Mono<Reservation> reserveLogin(String username, String address) {
		return reserve(List.of(pair(username, address), account(username), address(address)));
	}

	/**
	 * A successful login gives its reservation back and clears the delays of that account
	 * at that address.
	 */
	public Mono<Void> loginSucceeded(Reservation reservation) {
		// with throttling switched off nothing was counted
		return reservation.keys().isEmpty() ? Mono.empty() : giveBack(reservation, reservation.keys().get(0));
	}

	/**
	 * An attempt whose password was never checked (the server was busy) counts for
	 * nothing.
	 */
	public Mono<Void> loginUnchecked(Reservation reservation) {
		return giveBack(reservation, null);
	}

	/**
	 * Registration attempts count against the address like failed logins do, and are
	 * never given back.
	 */
	public Mono<Void> reserveRegistration(String address) {
		return reserve(List.of(address(address))).then();
	}

	@Scheduled(fixedDelayString = "${throttling.window:15m}", initialDelayString = "${throttling.window:15m}")
	Mono<Void> purge() {
		Instant now = this.clock.instant();
		return this.database.sql(
				"delete from login_throttle where window_start < :before and (blocked_until is null or blocked_until < :now)")
			.bind("before", now.minus(this.properties.window()))
			.bind("now", now)
			.then()
			.onErrorResume((ex) -> {
				log.warn("Purging login throttle rows failed; will try again: {}", ex.toString());
				return Mono.empty();
			});
	}

	private Mono<Reservation> reserve(List<String> keys) {
		if (!this.properties.enabled()) {
			return Mono.just(new Reservation(List.of(), List.of()));
		}
		Instant now = this.clock.instant();
		String[] array = keys.toArray(String[]::new);
		return this.database.sql(RESERVE)
			.bind("keys", array)
			.bind("windowStart", now.minus(this.properties.window()))
			.bindValues(limits(now))
			.map((row, metadata) -> new Counted(row.get("key", String.class), row.get("blocked_until", Instant.class)))
			.all()
			.collectList()
			.flatMap((counted) -> {
				Reservation reservation = new Reservation(keys,
						counted.stream().map(Counted::blockedUntil).filter(Objects::nonNull).toList());
				return (counted.size() == keys.size()) ? Mono.just(reservation)
						: refuse(reservation, counted, array, now);
			});
	}

	/**
	 * Another request made a key wait between this one's look and its count (or it was
	 * waiting already): what was counted is given back, and the caller learns how long to
	 * wait.
	 */
	private Mono<Reservation> refuse(Reservation reservation, List<Counted> counted, String[] keys, Instant now) {
		Reservation countedPart = new Reservation(counted.stream().map(Counted::key).toList(), reservation.waitsSet());
		Mono<Void> giveBack = counted.isEmpty() ? Mono.empty() : giveBack(countedPart, null);
		Mono<Duration> wait = this.database
			.sql("select max(blocked_until) as until from login_throttle where key = any(cast(:keys as varchar[]))")
			.bind("keys", keys)
			.map((row, metadata) -> java.util.Optional.ofNullable(row.get("until", Instant.class)))
			.one()
			.map((until) -> until.map((instant) -> Duration.between(now, instant)).orElse(Duration.ZERO));
		return giveBack.then(wait).flatMap((duration) -> Mono.error(new TooManyAttemptsException(duration)));
	}

	/**
	 * Gives the attempt back on its keys; the {@code deleted} key's count (when not null)
	 * ends instead.
	 */
	private Mono<Void> giveBack(Reservation reservation, String deleted) {
		if (reservation.keys().isEmpty()) {
			return Mono.empty();
		}
		String statement = LOCKED + ((deleted != null)
				? ", cleared as (delete from login_throttle where key = :keep and key in (select key from locked))\n"
				: "") + GIVE_BACK;
		return this.database.sql(statement)
			.bind("keys", reservation.keys().toArray(String[]::new))
			.bind("setBy", reservation.waitsSet().stream().map(Instant::toString).toArray(String[]::new))
			.bind("keep", (deleted != null) ? deleted : "")
			.then();
	}

	private Map<String, Object> limits(Instant now) {
		return Map.of("now", now, "free", this.properties.freeFailures(), "maxDelay",
				(double) this.properties.maxDelay().toSeconds(), "accountMax", this.properties.accountMaxFailures(),
				"accountPause", (double) this.properties.accountPause().toSeconds(), "addressMax",
				this.properties.addressMaxAttempts(), "addressPause",
				(double) this.properties.addressPause().toSeconds());
	}

	static String pair(String username, String address) {
		return "pair:" + normal(username) + "|" + AddressRange.subscriberOf(address);
	}

	static String account(String username) {
		return "account:" + normal(username);
	}

	static String address(String address) {
		return "address:" + AddressRange.subscriberOf(address);
	}

	private static String normal(String username) {
		String lower = username.toLowerCase(Locale.ROOT);
		return (lower.length() > 64) ? lower.substring(0, 64) : lower;
	}

	/** A key this attempt was counted on, and the wait that count set (null: none). */
	private record Counted(String key, Instant blockedUntil) {
	}

	/** An attempt counted in advance on its keys, and the waits its counts set. */
	public record Reservation(List<String> keys, List<Instant> waitsSet) {
	}

}
