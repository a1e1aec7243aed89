package dev.authgateway.support.database;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.netty.channel.EventLoop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.scheduler.Schedulers;
import reactor.netty.Connection;
import reactor.netty.DisposableServer;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.tcp.TcpClient;
import reactor.netty.tcp.TcpServer;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseEventLoopsTests {

	private final DatabaseEventLoops loops = new DatabaseEventLoops(2);

	private final DisposableServer server = TcpServer.create().host("127.0.0.1").port(0).bindNow();

	@AfterEach
	void stop() {
		this.server.disposeNow();
		this.loops.destroy();
	}

	@Test
	void newConnectionsTakeTurnsOnTheLoops() {
		// as the driver connects: a client of its own on these loops, a new connection
		// each time
		TcpClient client = TcpClient.create(ConnectionProvider.newConnection())
			.runOn(this.loops)
			.remoteAddress(this.server::address);
		List<EventLoop> used = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			Connection connection = client.connectNow(Duration.ofSeconds(5));
			used.add(connection.channel().eventLoop());
			connection.disposeNow();
		}

		assertThat(used.get(0)).isNotSameAs(used.get(1));
		assertThat(used.subList(2, 4)).containsExactlyElementsOf(used.subList(0, 2));
	}

	@Test
	void theLoopsAreKnownAsThreadsThatMustNotBlock() {
		CompletableFuture<Boolean> nonBlocking = new CompletableFuture<>();
		this.loops.onClient(true).execute(() -> nonBlocking.complete(Schedulers.isInNonBlockingThread()));

		assertThat(nonBlocking).succeedsWithin(Duration.ofSeconds(5)).isEqualTo(true);
	}

	@Test
	void disposingCompletesOnceTheLoopsHaveStopped() {
		this.loops.onClient(true).execute(() -> {
		});

		this.loops.disposeLater(Duration.ZERO, Duration.ofSeconds(5)).block(Duration.ofSeconds(10));

		assertThat(this.loops.onClient(true).isTerminated()).isTrue();
	}

}
