package dev.authgateway.resource.config;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jwt.SignedJWT;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.web.reactive.function.client.WebClient;

/**
 * The gateway's JWK set, kept in memory. It is fetched again when it is older than its
 * maximum age or when a token names a key it does not contain (the gateway rotated), but
 * never more than once per minimum interval and never twice at the same time: a flood of
 * tokens with made-up key ids costs the gateway one request every few seconds, not one
 * each. When a fetch fails, the keys already known keep working. It never signals an
 * error: a key it cannot find is simply absent, and the token is refused with a 401.
 */
final class RateLimitedJwkSource implements Function<SignedJWT, Flux<JWK>> {

	private static final Logger log = LoggerFactory.getLogger(RateLimitedJwkSource.class);

	private final WebClient client;

	private final URI uri;

	private final Duration maxAge;

	private final Duration minInterval;

	private final Clock clock;

	private volatile Snapshot snapshot = new Snapshot(List.of(), Instant.MIN);

	private volatile Instant lastAttempt = Instant.MIN;

	private final AtomicReference<Mono<Snapshot>> inFlight = new AtomicReference<>();

	private final Counter fetched;

	private final Counter failed;

	RateLimitedJwkSource(WebClient client, URI uri, Duration maxAge, Duration minInterval, Clock clock,
			MeterRegistry meters) {
		this.fetched = fetches(meters, "success");
		this.failed = fetches(meters, "failure");
		this.client = client;
		this.uri = uri;
		this.maxAge = maxAge;
		this.minInterval = minInterval;
		this.clock = clock;
	}

	@Override
	public Flux<JWK> apply(SignedJWT jwt) {
		String kid = jwt.getHeader().getKeyID();
		if (kid == null) {
			return Flux.empty();
		}
		Snapshot current = this.snapshot;
		Instant now = this.clock.instant();
		boolean fresh = current.fetchedAt().plus(this.maxAge).isAfter(now);
		if ((fresh && current.contains(kid)) || !mayFetch(now)) {
			return Flux.fromIterable(current.keys(kid));
		}
		return fetch().flatMapMany((loaded) -> Flux.fromIterable(loaded.keys(kid)));
	}

	/**
	 * Whether the key is still in the gateway's JWK set, as known now: from memory while
	 * the set is younger than its maximum age, after a fetch once it is older (a fetch
	 * that fails keeps the keys already known). So a key the gateway revoked is refused
	 * here at the latest one maximum age after the revocation.
	 */
	Mono<Boolean> stillPublished(String kid) {
		Snapshot current = this.snapshot;
		Instant now = this.clock.instant();
		if (current.fetchedAt().plus(this.maxAge).isAfter(now) || !mayFetch(now)) {
			return Mono.just(current.contains(kid));
		}
		return fetch().map((loaded) -> loaded.contains(kid));
	}

	private boolean mayFetch(Instant now) {
		return this.inFlight.get() != null || !this.lastAttempt.plus(this.minInterval).isAfter(now);
	}

	/** Joins the fetch in flight, or starts one. */
	private Mono<Snapshot> fetch() {
		Mono<Snapshot> running = this.inFlight.get();
		if (running != null) {
			return running;
		}
		Mono<Snapshot> started = this.client.get()
			.uri(this.uri)
			.retrieve()
			.bodyToMono(String.class)
			.map(this::parse)
			.doOnNext((loaded) -> {
				this.snapshot = loaded;
				this.fetched.increment();
			})
			.onErrorResume((ex) -> {
				this.failed.increment();
				log.warn("Cannot fetch the JWK set from {}; keeping the {} key(s) already known: {}", this.uri,
						this.snapshot.all().size(), ex.toString());
				return Mono.just(this.snapshot);
			})
			.doFinally((signal) -> this.inFlight.set(null))
			.cache();
		if (!this.inFlight.compareAndSet(null, started)) {
			Mono<Snapshot> other = this.inFlight.get();
			return (other != null) ? other : Mono.just(this.snapshot);
		}
		this.lastAttempt = this.clock.instant();
		return started;
	}

	private static Counter fetches(MeterRegistry meters, String outcome) {
		return Counter.builder("authgateway.jwks.fetches")
			.description("Fetches of the gateway's JWK set, by outcome")
			.tag("outcome", outcome)
			.register(meters);
	}

	private Snapshot parse(String body) {
		try {
			List<JWK> keys = JWKSet.parse(body)
				.getKeys()
				.stream()
				.filter((key) -> !key.isPrivate())
				.filter((key) -> key.getKeyUse() == null || KeyUse.SIGNATURE.equals(key.getKeyUse()))
				.toList();
			return new Snapshot(keys, this.clock.instant());
		}
		catch (java.text.ParseException ex) {
			throw new IllegalStateException("The JWK set is not valid JSON", ex);
		}
	}

	private record Snapshot(List<JWK> all, Instant fetchedAt) {

		boolean contains(String kid) {
			return !keys(kid).isEmpty();
		}

		List<JWK> keys(String kid) {
			return this.all.stream().filter((key) -> kid.equals(key.getKeyID())).toList();
		}

	}

}
