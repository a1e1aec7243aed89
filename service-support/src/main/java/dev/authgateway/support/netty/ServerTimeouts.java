package dev.authgateway.support.netty;

import java.time.Duration;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;

/**
 * How long the server waits for a client that has gone quiet. Without these a connection
 * that never finishes its request, or an idle keep-alive connection, stays open for good,
 * and enough of them exhaust the server.
 *
 * @param idle a connection waiting for a request (before the first, between keep-alive
 * requests, or while its headers trickle in) is closed after this long without a byte:
 * longer than a load balancer in front keeps its own idle connections, so the balancer
 * always closes first
 * @param read the longest pause between two reads of a request's body
 * @param request the longest a whole request body may take to arrive
 */
public record ServerTimeouts(Duration idle, Duration read, Duration request) {

	public NettyServerCustomizer customizer() {
		return (server) -> server.idleTimeout(this.idle).readTimeout(this.read).requestTimeout(this.request);
	}

}
