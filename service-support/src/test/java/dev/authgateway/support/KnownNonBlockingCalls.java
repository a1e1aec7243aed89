package dev.authgateway.support;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * Calls that BlockHound sees as blocking but that never wait for I/O: each one is allowed
 * here with its reason, and everything else that blocks on a Netty or parallel thread
 * fails the tests. Registered in META-INF/services of this module's test jar, which both
 * services' tests use, so blockhound-junit-platform applies it when it installs
 * BlockHound.
 */
public class KnownNonBlockingCalls implements BlockHoundIntegration {

	@Override
	public void applyTo(BlockHound.Builder builder) {
		// random ids and tokens read /dev/urandom through a buffer; on Linux that device
		// never blocks
		builder.allowBlockingCallsInside("java.util.UUID", "randomUUID");
		builder.allowBlockingCallsInside("java.security.SecureRandom", "nextBytes");
		// a lazily made singleton (Spring Data's repository metrics) may wait on its
		// one-time initialisation
		builder.allowBlockingCallsInside("org.springframework.util.function.SingletonSupplier", "get");
		// Jackson builds each type's deserializer once under a lock; requests arriving
		// together for a type not yet
		// seen wait microseconds for the first one's (found by
		// AbandonedRequestsIntegrationTests' concurrent logins)
		builder.allowBlockingCallsInside("tools.jackson.databind.deser.DeserializerCache",
				"_createAndCacheValueDeserializer");
		// validation messages are read from their bundle once, then cached
		builder.allowBlockingCallsInside("org.hibernate.validator.resourceloading.PlatformResourceBundleLocator",
				"loadBundle");
		// the only files the gateway serves itself are Swagger UI's, read by WebFlux from
		// a jar: a developer tool
		// (spring.web.resources.add-mappings is off, the app's files come from nginx)
		builder.allowBlockingCallsInside("org.springframework.web.reactive.resource.PathResourceResolver",
				"getResource");
	}

}
