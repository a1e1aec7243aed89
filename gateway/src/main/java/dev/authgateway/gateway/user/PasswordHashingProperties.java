package dev.authgateway.gateway.user;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param threads threads that hash passwords (default: one per core)
 * @param queueCapacity hashing requests that may wait for a thread before new ones are refused
 */
@ConfigurationProperties("password-hashing")
record PasswordHashingProperties(Integer threads, @DefaultValue("256") int queueCapacity) {

	PasswordHashingProperties {
		if (threads == null || threads < 1) {
			threads = Runtime.getRuntime().availableProcessors();
		}
	}

}
