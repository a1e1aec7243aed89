package dev.authgateway.resource.config;

import java.net.URI;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimitedJwkSourceTests {

	private final List<JWK> published = new CopyOnWriteArrayList<>();

	private final AtomicInteger fetches = new AtomicInteger();

	private final MovableClock clock = new MovableClock();

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private DisposableServer gateway;

	private RateLimitedJwkSource source;

	@BeforeEach
	void startGateway() {
		this.published.add(newKey());
		this.gateway = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.route((routes) -> routes.get("/jwks", (request, response) -> {
				this.fetches.incrementAndGet();
				return response.sendString(Mono.fromSupplier(() -> new JWKSet(this.published).toString()));
			}))
			.bindNow();
		this.source = source(URI.create("http://127.0.0.1:" + this.gateway.port() + "/jwks"));
	}

	@AfterEach
	void stopGateway() {
		this.gateway.disposeNow();
	}

	@Test
	void aKnownKeyIsServedFromMemory() {
		String kid = this.published.get(0).getKeyID();

		assertThat(keys(kid)).hasSize(1);
		assertThat(keys(kid)).hasSize(1);

		assertThat(this.fetches).hasValue(1);
	}

	@Test
	void anUnknownKeyIdFetchesTheSetAgainAndFindsARotatedKey() {
		keys(this.published.get(0).getKeyID());
		JWK rotated = newKey();
		this.published.add(rotated);
		this.clock.advance(Duration.ofSeconds(6));

		assertThat(keys(rotated.getKeyID())).extracting(JWK::getKeyID).containsExactly(rotated.getKeyID());
		assertThat(this.fetches).hasValue(2);
	}

	@Test
	void aFloodOfMadeUpKeyIdsCostsOneFetchPerInterval() {
		keys(this.published.get(0).getKeyID());
		this.clock.advance(Duration.ofSeconds(6));

		List<List<JWK>> answers = Flux.range(0, 200)
			.flatMap((i) -> this.source.apply(token(UUID.randomUUID().toString())).collectList(), 200)
			.collectList()
			.block(Duration.ofSeconds(10));

		assertThat(answers).hasSize(200).allSatisfy((keys) -> assertThat(keys).isEmpty());
		assertThat(this.fetches).hasValue(2);

		this.clock.advance(Duration.ofSeconds(6));
		keys("another-made-up-kid");
		assertThat(this.fetches).hasValue(3);
	}

	@Test
	void theKnownKeysKeepWorkingWhenTheGatewayIsDown() {
		String kid = this.published.get(0).getKeyID();
		keys(kid);
		this.gateway.disposeNow();
		this.clock.advance(Duration.ofMinutes(10));

		assertThat(keys(kid)).hasSize(1);
	}

	@Test
	void aKeyTheGatewayRevokedIsNoLongerPublishedOnceTheSetIsOlderThanItsMaximumAge() {
		String kid = this.published.get(0).getKeyID();
		keys(kid);
		this.published.clear();
		this.published.add(newKey());

		assertThat(this.source.stillPublished(kid).block(Duration.ofSeconds(10))).isTrue();
		this.clock.advance(Duration.ofMinutes(5).plusSeconds(1));

		assertThat(this.source.stillPublished(kid).block(Duration.ofSeconds(10))).isFalse();
	}

	@Test
	void anUnreachableGatewayMeansNoKeyQuicklyAndNoError() {
		RateLimitedJwkSource unreachable = source(URI.create("http://127.0.0.1:9/jwks"));

		Instant start = Instant.now();
		List<JWK> keys = unreachable.apply(token("any")).collectList().block(Duration.ofSeconds(10));

		assertThat(keys).isEmpty();
		assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(5));
	}

	@Test
	void aTokenWithoutAKeyIdGetsNoKey() {
		assertThat(this.source.apply(token(null)).collectList().block()).isEmpty();
		assertThat(this.fetches).hasValue(0);
	}

	private List<JWK> keys(String kid) {
		return this.source.apply(token(kid)).collectList().block(Duration.ofSeconds(10));
	}

	private RateLimitedJwkSource source(URI uri) {
		return new RateLimitedJwkSource(WebClient.create(), uri, Duration.ofMinutes(5), Duration.ofSeconds(5),
				this.clock, this.meters);
	}

	private static SignedJWT token(String kid) {
		return new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).build(),
				new JWTClaimsSet.Builder().build());
	}

	private static JWK newKey() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			return new RSAKey.Builder((RSAPublicKey) generator.generateKeyPair().getPublic())
				.keyID(UUID.randomUUID().toString())
				.keyUse(KeyUse.SIGNATURE)
				.build();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static final class MovableClock extends Clock {

		private volatile Instant now = Instant.now();

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public Instant instant() {
			return this.now;
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

	}

}
