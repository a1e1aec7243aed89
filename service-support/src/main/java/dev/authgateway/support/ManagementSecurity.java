package dev.authgateway.support;

import org.springframework.boot.security.autoconfigure.actuate.web.reactive.EndpointRequest;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.util.matcher.OrServerWebExchangeMatcher;

/**
 * The actuator's filter chain, the same in both services. It is on its own management
 * port that is never published or routed: health is open so that orchestrators can probe
 * it and the Prometheus scrape so that metrics can be collected; every other endpoint is
 * refused.
 */
public final class ManagementSecurity {

	private ManagementSecurity() {
	}

	/** Every actuator path, on any port, and every path on the management port. */
	public static SecurityWebFilterChain chain(ServerHttpSecurity http, ManagementPort managementPort) {
		return http.securityMatcher(new OrServerWebExchangeMatcher(EndpointRequest.toAnyEndpoint(), managementPort))
			.authorizeExchange((exchanges) -> exchanges.matchers(EndpointRequest.to("health", "prometheus"))
				.permitAll()
				.anyExchange()
				.denyAll())
			.csrf(ServerHttpSecurity.CsrfSpec::disable)
			.httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
			.formLogin(ServerHttpSecurity.FormLoginSpec::disable)
			.securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
			.build();
	}

}
