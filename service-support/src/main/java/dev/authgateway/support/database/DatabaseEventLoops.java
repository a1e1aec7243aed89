package dev.authgateway.support.database;

import java.time.Duration;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoEventLoop;
import io.netty.channel.IoHandle;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.FastThreadLocalThread;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.NonBlocking;
import reactor.netty.resources.LoopResources;

import org.springframework.beans.factory.DisposableBean;

/**
 * Event loops of the services' own for their PostgreSQL connections, one per core, each
 * new connection on the next one.
 * <p>
 * Left to itself the driver put every pooled connection on one thread, and with them
 * whatever a request does after its query (on a refresh, the access token's RS256
 * signature): one core busy, the other idle, refreshes capped at what one thread can sign
 * (docs/design.md, "Database event loops"). Reactor Netty picks a connection's loop with
 * {@code next()}, and Netty 4.2 calls {@code next()} a second time for each connection to
 * check the loops' transport, so with an even number of loops the round robin visits only
 * every other one. These loops answer that check without moving the round robin.
 */
final class DatabaseEventLoops implements LoopResources, DisposableBean {

	private final EventLoopGroup loops;

	DatabaseEventLoops(int threads) {
		this.loops = new RoundRobinLoops(threads);
	}

	@Override
	public EventLoopGroup onServer(boolean useNative) {
		return this.loops;
	}

	@Override
	public EventLoopGroup onClient(boolean useNative) {
		return this.loops;
	}

	@Override
	public boolean daemon() {
		return true;
	}

	@Override
	public Mono<Void> disposeLater(Duration quietPeriod, Duration timeout) {
		// completes once the loops have stopped, as Reactor Netty's own loop resources do
		return Mono.create((stopped) -> this.loops
			.shutdownGracefully(quietPeriod.toMillis(), timeout.toMillis(), TimeUnit.MILLISECONDS)
			.addListener((future) -> stopped.success()));
	}

	@Override
	public void destroy() {
		// after the connection pool, which depends on these loops: no connection is left
		// on them
		this.loops.shutdownGracefully(0, 2, TimeUnit.SECONDS);
	}

	private static final class RoundRobinLoops extends MultiThreadIoEventLoopGroup {

		RoundRobinLoops(int threads) {
			super(threads, new LoopThreads(), transport());
		}

		private static IoHandlerFactory transport() {
			return LoopResources.DEFAULT_NATIVE && Epoll.isAvailable() ? EpollIoHandler.newFactory()
					: NioIoHandler.newFactory();
		}

		@Override
		public boolean isCompatible(Class<? extends IoHandle> handleType) {
			// every loop has the same transport: ask the first instead of the next
			return ((IoEventLoop) iterator().next()).isCompatible(handleType);
		}

	}

	/**
	 * Daemon threads that Reactor and BlockHound know as event loops: nothing may block
	 * on them.
	 */
	private static final class LoopThreads implements ThreadFactory {

		private final AtomicInteger count = new AtomicInteger();

		@Override
		public Thread newThread(Runnable task) {
			Thread thread = new LoopThread(task, "r2dbc-" + this.count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		}

	}

	private static final class LoopThread extends FastThreadLocalThread implements NonBlocking {

		LoopThread(Runnable task, String name) {
			super(task, name);
		}

	}

}
