package dev.authgateway.gateway.user;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param threads threads that hash passwords (default: one per core but one, so that a
 * login flood always leaves the event loops a core and every other request stays fast)
 * @param queueCapacity hashing requests that may wait for a thread before new ones are
 * refused
 */
@ConfigurationProperties("password-hashing")
record PasswordHashingProperties(Integer threads, @DefaultValue("256") int queueCapacity) {

	PasswordHashingProperties {
		if (threads == null || threads < 1) {
			threads = Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
		}
	}

}
