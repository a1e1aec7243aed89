package dev.authgateway.gateway.route;

import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.context.annotation.Bean;

/**
 * The load balancer's configuration for the resource service. It is read into the load
 * balancer's own context for that service, so it is deliberately not a
 * {@code @Configuration} that component scanning finds. Public because the build-time
 * Spring AOT code for that context (another package) creates it.
 */
public class ResourceServiceInstances {

	@Bean
	ServiceInstanceListSupplier instances(RouteProperties properties, UpstreamInstanceHealth health) {
		return new ResolvedServiceInstances(ResourceServiceLoadBalancing.SERVICE_ID, properties.resourceServiceUri(),
				properties.resolveInterval(), health);
	}

}
