package dev.authgateway.gateway.route;

import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.context.annotation.Bean;

/**
 * The load balancer's configuration for the resource service. It is read into the load balancer's own
 * context for that service, so it is deliberately not a {@code @Configuration} that component scanning finds.
 */
class ResourceServiceInstances {

	@Bean
	ServiceInstanceListSupplier instances(RouteProperties properties) {
		return new ResolvedServiceInstances(ResourceServiceLoadBalancing.SERVICE_ID, properties.resourceServiceUri(),
				properties.resolveInterval());
	}

}
