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
class UpstreamInstanceHealth {

	private static final Logger log = LoggerFactory.getLogger(UpstreamInstanceHealth.class);

	/** When each instance left the rotation, and until when. */
	private final Map<String, Quarantine> outUntil = new ConcurrentHashMap<>();

	private final Duration quarantine;

	private final Clock clock;

	UpstreamInstanceHealth(Duration quarantine, Clock clock) {
		this.quarantine = quarantine;
		this.clock = clock;
	}

	/** The instance failed a connection: out of the rotation for the quarantine. */
	void failed(ServiceInstance instance, Throwable cause) {
		Instant now = this.clock.instant();
		if (this.outUntil.put(instance.getInstanceId(), new Quarantine(now, now.plus(this.quarantine))) == null) {
			log.warn("{} left the rotation for {}: {}", instance.getUri(), this.quarantine, cause.toString());
		}
	}

	/**
	 * The instance answered a request sent at that instant: in the rotation, unless the
	 * request was sent before the instance failed (a replica that stops finishes what it
	 * had while refusing anything new).
	 */
	void answered(ServiceInstance instance, Instant sent) {
		Quarantine out = this.outUntil.get(instance.getInstanceId());
		if (out != null && sent.isAfter(out.since()) && this.outUntil.remove(instance.getInstanceId(), out)) {
			log.info("{} is back in the rotation", instance.getUri());
		}
	}

	/** The instances in the rotation now; all of them when none is. */
	List<ServiceInstance> inRotation(List<ServiceInstance> instances) {
		if (this.outUntil.isEmpty()) {
			return instances;
		}
		Instant now = this.clock.instant();
		this.outUntil.values().removeIf((out) -> now.isAfter(out.until()));
		List<ServiceInstance> healthy = instances.stream()
			.filter((instance) -> !this.outUntil.containsKey(instance.getInstanceId()))
			.toList();
		return healthy.isEmpty() ? instances : healthy;
	}

	private record Quarantine(Instant since, Instant until) {
	}

}
