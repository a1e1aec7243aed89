package dev.authgateway.gateway.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AddressRangeTests {

	@Test
	void anIpv6AddressCountsAsItsSlashSixtyFourHoweverItIsWritten() {
		assertThat(AddressRange.subscriberOf("2001:db8:1:2::1")).isEqualTo("2001:db8:1:2::/64");
		assertThat(AddressRange.subscriberOf("2001:0db8:0001:0002:ffff:0:0:9")).isEqualTo("2001:db8:1:2::/64");
	}

	@Test
	void anIpv4AddressCountsByItself() {
		assertThat(AddressRange.subscriberOf("198.51.100.7")).isEqualTo("198.51.100.7");
	}

}
