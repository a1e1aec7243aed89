package dev.authgateway.gateway.web;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An IP address or a CIDR range such as 10.0.0.0/8 or fd00::/8. Only literal addresses,
 * never host names.
 */
public record AddressRange(byte[] network, int prefixLength) {

	static AddressRange parse(String range) {
		String[] parts = range.trim().split("/", 2);
		byte[] network = literal(parts[0]);
		if (network == null) {
			throw new IllegalArgumentException("Not an IP address or CIDR range: " + range);
		}
		int prefix = (parts.length == 2) ? Integer.parseInt(parts[1]) : network.length * 8;
		if (prefix < 0 || prefix > network.length * 8) {
			throw new IllegalArgumentException("Bad prefix length in " + range);
		}
		return new AddressRange(network, prefix);
	}

	boolean contains(String address) {
		byte[] candidate = literal(address);
		if (candidate == null || candidate.length != this.network.length) {
			return false;
		}
		int fullBytes = this.prefixLength / 8;
		for (int i = 0; i < fullBytes; i++) {
			if (candidate[i] != this.network[i]) {
				return false;
			}
		}
		int remainingBits = this.prefixLength % 8;
		if (remainingBits == 0) {
			return true;
		}
		int mask = (0xFF << (8 - remainingBits)) & 0xFF;
		return (candidate[fullBytes] & mask) == (this.network[fullBytes] & mask);
	}

	/**
	 * The address as the throttle counts it: an IPv4 address by itself, an IPv6 address
	 * by its /64, the block that one subscriber gets (so moving within it changes
	 * nothing); anything else as it is.
	 */
	public static String subscriberOf(String address) {
		byte[] bytes = literal(address);
		if (bytes == null || bytes.length != 16) {
			return address;
		}
		StringBuilder network = new StringBuilder();
		for (int i = 0; i < 8; i += 2) {
			network.append(Integer.toHexString(((bytes[i] & 0xFF) << 8) | (bytes[i + 1] & 0xFF))).append(':');
		}
		return network.append(":/64").toString();
	}

	static boolean isLiteral(String text) {
		return literal(text) != null;
	}

	/**
	 * The address's bytes if it is an IPv4 or IPv6 literal; null for anything else (no
	 * DNS lookups).
	 */
	private static byte[] literal(String text) {
		String value = text.trim();
		// each part checked here: an IPv4 form InetAddress does not take as a literal
		// (999.1.1.1) it looks up in DNS
		boolean ipv4 = value.matches("\\d{1,3}(\\.\\d{1,3}){3}")
				&& java.util.Arrays.stream(value.split("\\.")).allMatch((part) -> Integer.parseInt(part) <= 255);
		boolean ipv6 = value.contains(":") && value.matches("[0-9A-Fa-f:.]+");
		if (!ipv4 && !ipv6) {
			return null;
		}
		try {
			return InetAddress.getByName(value).getAddress();
		}
		catch (UnknownHostException ex) {
			return null;
		}
	}

}
