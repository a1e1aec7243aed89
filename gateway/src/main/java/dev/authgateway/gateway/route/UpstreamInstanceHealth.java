package dev.authgateway.gateway.route;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.cloud.client.ServiceInstance;

/**
 * Which resource service instances failed a connection lately. An instance that refused a
 * connection or dropped one leaves the rotation at once, for a short quarantine, instead
 * of taking its share of requests until the next DNS lookup; after the quarantine it gets
 * requests again, and stays when it answers them. When every instance is out, all of them
 * are tried: a guess beats a certain failure.
 */
public class UpstreamInstanceHealth {

	private static final Logger log = LoggerFactory.getLogger(UpstreamInstanceHealth.class);

	private final Map<String, Instant> outUntil = new ConcurrentHashMap<>();

	private final Duration quarantine;

	private final Clock clock;

	UpstreamInstanceHealth(Duration quarantine, Clock clock) {
		this.quarantine = quarantine;
		this.clock = clock;
	}

	/** The instance failed a connection: out of the rotation for the quarantine. */
	void failed(ServiceInstance instance, Throwable cause) {
		Instant until = this.clock.instant().plus(this.quarantine);
		if (this.outUntil.put(instance.getInstanceId(), until) == null) {
			log.warn("{} left the rotation for {}: {}", instance.getUri(), this.quarantine, cause.toString());
		}
	}

	/** The instance answered: in the rotation. */
	void answered(ServiceInstance instance) {
		if (this.outUntil.remove(instance.getInstanceId()) != null) {
			log.info("{} is back in the rotation", instance.getUri());
		}
	}

	/** The instances in the rotation now; all of them when none is. */
	List<ServiceInstance> inRotation(List<ServiceInstance> instances) {
		if (this.outUntil.isEmpty()) {
			return instances;
		}
		Instant now = this.clock.instant();
		this.outUntil.values().removeIf(now::isAfter);
		List<ServiceInstance> healthy = instances.stream()
			.filter((instance) -> !this.outUntil.containsKey(instance.getInstanceId()))
			.toList();
		return healthy.isEmpty() ? instances : healthy;
	}

}
