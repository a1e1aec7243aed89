package dev.authgateway.support.observability;

import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Hooks;

import org.springframework.boot.context.event.ApplicationStartingEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.web.util.DisconnectedClientHelper;

/**
 * What Reactor does with an error that arrives after its subscriber has gone. A client
 * that closes its connection while its answer is being made cancels the request; when the
 * work finishes on another thread at that moment (a database commit), writing the answer
 * fails with "connection closed" and nothing is left to receive the error. Reactor would
 * log each at ERROR with a stack trace (reactor-netty#472), which under load reads like a
 * fault of the service. Those are logged at DEBUG here; every other dropped error stays
 * an ERROR. Installed once per JVM, before any application context starts
 * (META-INF/spring.factories).
 */
public final class DroppedErrors implements ApplicationListener<ApplicationStartingEvent> {

	private static final Logger log = LoggerFactory.getLogger(DroppedErrors.class);

	private static final AtomicBoolean installed = new AtomicBoolean();

	@Override
	public void onApplicationEvent(ApplicationStartingEvent event) {
		install();
	}

	static void install() {
		if (installed.compareAndSet(false, true)) {
			Hooks.onErrorDropped(DroppedErrors::log);
		}
	}

	static void log(Throwable error) {
		if (DisconnectedClientHelper.isClientDisconnectedException(error)) {
			log.debug("The client went away before its answer was written: {}", error.toString());
		}
		else {
			log.error("An error arrived after its request had ended, with nothing left to answer it", error);
		}
	}

}
