package dev.authgateway.gateway.token;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Server-provided DPoP nonces at the token endpoints (RFC 9449 section 8). */
@Configuration(proxyBeanMethods = false)
class DPoPNonceConfiguration {

	@Bean
	DPoPNonceWebFilter dpopNonceWebFilter(DPoPNonces nonces) {
		return new DPoPNonceWebFilter(nonces);
	}

}
