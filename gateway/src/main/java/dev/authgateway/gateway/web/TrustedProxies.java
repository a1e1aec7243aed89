package dev.authgateway.gateway.web;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param trustedProxies addresses or CIDR ranges of proxies whose X-Forwarded-For is
 * believed; from any other peer the header is ignored (named with the throttling
 * settings, whose keys it decides)
 */
@ConfigurationProperties("throttling")
public record TrustedProxies(@DefaultValue List<String> trustedProxies) {
}
