package dev.authgateway.resource.config;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * @param issuer the gateway's public URL, which every token must name as {@code iss}
 * @param audience the {@code aud} this service requires
 * @param jwkSetUri where the gateway's public keys are fetched, by its internal address
 * @param clockSkew how far {@code exp} and {@code iat} may be off between the gateway's
 * clock and ours
 * @param jwkSetMaxAge how long a fetched JWK set is used before it is fetched again
 * @param jwkSetMinRefetchInterval the shortest time between two fetches, however many
 * unknown keys appear
 */
@ConfigurationProperties("tokens")
@Validated
record TokenProperties(@NotBlank String issuer, @DefaultValue("resource-service") @NotBlank String audience,
		@NotNull URI jwkSetUri, @DefaultValue("30s") Duration clockSkew, @DefaultValue("5m") Duration jwkSetMaxAge,
		@DefaultValue("5s") Duration jwkSetMinRefetchInterval) {
}
