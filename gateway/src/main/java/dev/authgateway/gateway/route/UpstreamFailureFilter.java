package dev.authgateway.gateway.route;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import reactor.core.publisher.Mono;

import dev.authgateway.support.problem.ConnectionLost;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.Response;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.ReactiveLoadBalancerClientFilter;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;

/**
 * A resource service instance that refused, reset or dropped a connection leaves the
 * rotation at once ({@link UpstreamInstanceHealth}); one that answers is in it. The error
 * itself goes on to the route's retry (a safe request is sent to another instance) and
 * then to the problem handler (503 for a refused connection, 502 for one dropped after
 * the request went out). Runs right after the load balancer has chosen the instance.
 */
class UpstreamFailureFilter implements GlobalFilter, Ordered {

	private final UpstreamInstanceHealth health;

	private final Clock clock;

	UpstreamFailureFilter(UpstreamInstanceHealth health, Clock clock) {
		this.health = health;
		this.clock = clock;
	}

	@Override
	public int getOrder() {
		return ReactiveLoadBalancerClientFilter.LOAD_BALANCER_CLIENT_FILTER_ORDER + 1;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		Response<ServiceInstance> chosen = exchange
			.getAttribute(ServerWebExchangeUtils.GATEWAY_LOADBALANCER_RESPONSE_ATTR);
		if (chosen == null || !chosen.hasServer()) {
			return chain.filter(exchange);
		}
		ServiceInstance instance = chosen.getServer();
		Instant sent = this.clock.instant();
		return chain.filter(exchange)
			.doOnSuccess((done) -> this.health.answered(instance, sent))
			.doOnError((ex) -> upstreamFailure(ex).ifPresent((cause) -> this.health.failed(instance, cause)));
	}

	/** A refused, reset or dropped connection, or none. */
	private static Optional<IOException> upstreamFailure(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof ConnectException io) {
				return Optional.of(io);
			}
		}
		return Optional.ofNullable(ConnectionLost.causeOf(ex));
	}

}
