package dev.authgateway.gateway.route;

import java.time.Clock;

import dev.authgateway.support.problem.ProblemResponses;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Routes to {@code lb://resource-service} are spread round robin over the resource
 * service's instances (application.yml); which instances there are comes from
 * {@link ResolvedServiceInstances}, less those that failed a connection lately
 * ({@link UpstreamInstanceHealth}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RouteProperties.class)
@LoadBalancerClient(name = ResourceServiceLoadBalancing.SERVICE_ID, configuration = ResourceServiceInstances.class)
class ResourceServiceLoadBalancing {

	static final String SERVICE_ID = "resource-service";

	@Bean
	UpstreamInstanceHealth upstreamInstanceHealth(RouteProperties properties, Clock clock) {
		return new UpstreamInstanceHealth(properties.instanceQuarantine(), clock);
	}

	@Bean
	UpstreamFailureFilter upstreamFailureFilter(UpstreamInstanceHealth health, Clock clock) {
		return new UpstreamFailureFilter(health, clock);
	}

	/**
	 * A bean of this configuration, not a scanned component, so slices of the token
	 * service leave it out.
	 */
	@Bean
	ProxiedBodyLimit proxiedBodyLimit(RouteProperties properties, ProblemResponses problems) {
		return new ProxiedBodyLimit(properties, problems);
	}

}
