package dev.authgateway.gateway.route;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;

/**
 * A service's instances for Spring Cloud LoadBalancer without a service registry: every
 * address that each configured URI's host resolves to. Docker's and Kubernetes' DNS
 * answer a service name with one address per replica, so
 * {@code docker compose up --scale resource-service=3} needs no configuration. Names are
 * resolved again every interval; while a lookup fails, the instances last found are kept.
 * An instance that failed a connection lately is left out until it may be tried again.
 */
final class ResolvedServiceInstances implements ServiceInstanceListSupplier {

	private static final Logger log = LoggerFactory.getLogger(ResolvedServiceInstances.class);

	private final String serviceId;

	private final List<URI> uris;

	private final Mono<List<ServiceInstance>> current;

	private volatile List<ServiceInstance> lastFound = List.of();

	private final UpstreamInstanceHealth health;

	ResolvedServiceInstances(String serviceId, List<URI> uris, Duration interval, UpstreamInstanceHealth health) {
		this.serviceId = serviceId;
		this.health = health;
		this.uris = List.copyOf(uris);
		this.current = Mono.fromCallable(this::resolve)
			// a DNS lookup blocks
			.subscribeOn(Schedulers.boundedElastic())
			.cache((found) -> interval, (error) -> Duration.ZERO, () -> Duration.ZERO);
	}

	@Override
	public String getServiceId() {
		return this.serviceId;
	}

	@Override
	public Flux<List<ServiceInstance>> get() {
		return this.current.map(this.health::inRotation).flux();
	}

	private List<ServiceInstance> resolve() {
		List<ServiceInstance> found = new ArrayList<>();
		for (URI uri : this.uris) {
			try {
				for (InetAddress address : addresses(uri.getHost())) {
					found.add(instance(uri, address));
				}
			}
			catch (UnknownHostException ex) {
				log.warn("Cannot resolve {} for {}: {}", uri.getHost(), this.serviceId, ex.toString());
			}
		}
		if (found.isEmpty()) {
			return this.lastFound;
		}
		if (!found.equals(this.lastFound)) {
			log.info("{} instance(s) of {}: {}", found.size(), this.serviceId,
					found.stream().map(ServiceInstance::getUri).toList());
		}
		this.lastFound = List.copyOf(found);
		return this.lastFound;
	}

	/**
	 * IPv4 addresses when there are any: a service listening on 0.0.0.0 is not reached on
	 * ::1.
	 */
	private static List<InetAddress> addresses(String host) throws UnknownHostException {
		List<InetAddress> all = Arrays.asList(InetAddress.getAllByName(host));
		List<InetAddress> v4 = all.stream().filter(Inet4Address.class::isInstance).toList();
		return v4.isEmpty() ? all : v4;
	}

	private ServiceInstance instance(URI uri, InetAddress address) {
		String host = (address instanceof Inet6Address) ? "[" + address.getHostAddress() + "]"
				: address.getHostAddress();
		boolean secure = "https".equals(uri.getScheme());
		int port = (uri.getPort() != -1) ? uri.getPort() : (secure ? 443 : 80);
		return new DefaultServiceInstance(host + ":" + port, this.serviceId, host, port, secure);
	}

}
