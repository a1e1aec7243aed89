package dev.authgateway.gateway.route;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Where the gateway sends what it does not answer itself.
 *
 * @param resourceServiceUri one or more resource service instances (comma separated);
 * each host name counts once per address it resolves to, so one DNS name can stand for
 * every replica
 * @param resolveInterval how often those names are resolved again (replicas come and go)
 * @param frontendUri the single-page app
 * @param maxBodySize the largest request body the gateway forwards to the resource
 * service (413 beyond it): above the largest body the API accepts, far below what would
 * tie up a connection for long
 * @param instanceQuarantine how long a resource service instance that refused or dropped
 * a connection is left out of the rotation before it gets requests again
 */
@Validated
@ConfigurationProperties("routes")
record RouteProperties(@NotEmpty List<URI> resourceServiceUri, @DefaultValue("5s") @NotNull Duration resolveInterval,
		@NotNull URI frontendUri, @DefaultValue("1MB") @NotNull DataSize maxBodySize,
		@DefaultValue("5s") @NotNull Duration instanceQuarantine) {
}
