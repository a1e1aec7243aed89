package dev.authgateway.gateway.session;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param idleLifetime a refresh token unused for this long expires
 * @param absoluteLifetime no refresh token of a family outlives the login that started it
 * by more than this
 * @param reuseGrace how long a spent refresh token may still be used (for clients that
 * retry a refresh whose answer they lost); 0, the default, means every token works
 * exactly once
 * @param purgeInterval how often expired and revoked sessions are deleted
 */
@ConfigurationProperties("sessions")
public record SessionProperties(@DefaultValue("1d") Duration idleLifetime,
		@DefaultValue("7d") Duration absoluteLifetime, @DefaultValue("0s") Duration reuseGrace,
		@DefaultValue("1h") Duration purgeInterval) {
}
