package dev.authgateway.gateway.token;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotBlank;

/**
 * @param issuer the gateway's public URL, the {@code iss} of every token
 * @param audience the {@code aud} of access tokens
 * @param clientId the {@code client_id} of access tokens issued to the browser app and
 * scripts
 * @param accessTokenLifetime how long an access token is valid
 */
@ConfigurationProperties("tokens")
@Validated
record TokenProperties(@NotBlank String issuer, @DefaultValue("resource-service") @NotBlank String audience,
		@DefaultValue("web") @NotBlank String clientId, @DefaultValue("5m") Duration accessTokenLifetime) {
}
