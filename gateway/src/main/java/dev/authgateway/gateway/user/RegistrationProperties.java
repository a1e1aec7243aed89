package dev.authgateway.gateway.user;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param enabled whether anyone may create an account with {@code POST /auth/register}
 * (off by default)
 */
@ConfigurationProperties("registration")
public record RegistrationProperties(@DefaultValue("false") boolean enabled) {
}
