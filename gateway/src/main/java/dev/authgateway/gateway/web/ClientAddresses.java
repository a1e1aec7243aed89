package dev.authgateway.gateway.web;

import java.net.InetSocketAddress;
import java.util.List;

import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;

/**
 * The address a request comes from. X-Forwarded-For is believed only when the direct peer
 * is a configured trusted proxy, and then its rightmost address that is not itself a
 * trusted proxy counts: anything left of that was written by the client and proves
 * nothing.
 */
@Component
public class ClientAddresses {

	private final List<AddressRange> trustedProxies;

	ClientAddresses(TrustedProxies trusted) {
		this.trustedProxies = trusted.trustedProxies().stream().map(AddressRange::parse).toList();
	}

	public String of(ServerHttpRequest request) {
		InetSocketAddress remote = request.getRemoteAddress();
		String peer = (remote != null && remote.getAddress() != null) ? remote.getAddress().getHostAddress()
				: "unknown";
		if (!isTrusted(peer)) {
			return peer;
		}
		List<String> forwarded = request.getHeaders().getValuesAsList("X-Forwarded-For");
		List<String> hops = forwarded.stream()
			.flatMap((header) -> java.util.Arrays.stream(header.split(",")))
			.map(String::trim)
			.toList();
		for (int i = hops.size() - 1; i >= 0; i--) {
			String hop = hops.get(i);
			if (!hop.isEmpty() && !isTrusted(hop)) {
				// only an address literal counts; anything else in the header is a
				// client's invention
				return AddressRange.isLiteral(hop) ? hop : peer;
			}
		}
		return peer;
	}

	private boolean isTrusted(String address) {
		return this.trustedProxies.stream().anyMatch((proxy) -> proxy.contains(address));
	}

}
