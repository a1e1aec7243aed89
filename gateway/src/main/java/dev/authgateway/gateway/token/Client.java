package dev.authgateway.gateway.token;

import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;

import dev.authgateway.gateway.web.ClientAddresses;

/** Where a login comes from: the client's address and what its user agent says it is. */
record Client(String address, String userAgent, String dpopJkt) {

	static Client of(ServerHttpRequest request, ClientAddresses addresses) {
		return new Client(addresses.of(request), request.getHeaders().getFirst(HttpHeaders.USER_AGENT), null);
	}

	/** The same client, proving possession of the DPoP key with this thumbprint. */
	Client withDPoPKey(java.util.Optional<String> jkt) {
		return new Client(this.address, this.userAgent, jkt.orElse(null));
	}

}
