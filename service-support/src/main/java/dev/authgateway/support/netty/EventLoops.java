package dev.authgateway.support.netty;

/**
 * Reactor Netty starts at least four event loop threads whatever the machine; on a small
 * machine (two cores here, or a container limited to them) the extra threads only add
 * context switches. One per core, unless the operator set
 * {@code reactor.netty.ioWorkerCount} (a system property) already.
 */
public final class EventLoops {

	static final String WORKER_COUNT = "reactor.netty.ioWorkerCount";

	private EventLoops() {
	}

	/** Call first in {@code main}, before anything creates Netty's loops. */
	public static void onePerCore() {
		if (System.getProperty(WORKER_COUNT) == null) {
			System.setProperty(WORKER_COUNT, Integer.toString(Runtime.getRuntime().availableProcessors()));
		}
	}

}
