package dev.authgateway.gateway.web;

import java.net.InetSocketAddress;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

import static org.assertj.core.api.Assertions.assertThat;

class ClientAddressesTests {

	private final ClientAddresses addresses = new ClientAddresses(
			new TrustedProxies(List.of("10.0.0.0/8", "fd00::/8")));

	@Test
	void forwardedForIsIgnoredUnlessThePeerIsATrustedProxy() {
		assertThat(this.addresses.of(request("203.0.113.9", "198.51.100.1"))).isEqualTo("203.0.113.9");
	}

	@Test
	void behindTrustedProxiesTheRightmostUntrustedAddressCounts() {
		// the client wrote 1.2.3.4 itself; the proxy appended the address it really saw
		assertThat(this.addresses.of(request("10.0.0.2", "1.2.3.4, 198.51.100.7, 10.1.1.1"))).isEqualTo("198.51.100.7");
	}

	@Test
	void ipv6ProxiesAndClientsWork() {
		assertThat(this.addresses.of(request("fd00::1", "2001:db8::5"))).isEqualTo("2001:db8::5");
	}

	@Test
	void somethingThatIsNoAddressInTheHeaderFallsBackToThePeer() {
		assertThat(this.addresses.of(request("10.0.0.2", "evil.example"))).isEqualTo("10.0.0.2");
	}

	@Test
	void withoutTheHeaderThePeerCounts() {
		assertThat(this.addresses.of(request("10.0.0.2", null))).isEqualTo("10.0.0.2");
	}

	private static MockServerHttpRequest request(String peer, String forwardedFor) {
		MockServerHttpRequest.BaseBuilder<?> builder = MockServerHttpRequest.post("/auth/token")
			.remoteAddress(new InetSocketAddress(peer, 40000));
		if (forwardedFor != null) {
			builder.header("X-Forwarded-For", forwardedFor);
		}
		return builder.build();
	}

}
