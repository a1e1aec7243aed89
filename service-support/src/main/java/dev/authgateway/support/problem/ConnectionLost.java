package dev.authgateway.support.problem;

import java.io.IOException;
import java.net.SocketException;

import reactor.netty.http.client.PrematureCloseException;

/**
 * A connection to a service behind this one that ended before its answer: closed or reset
 * after the request went out. Whether the request took effect is unknown, so it is not
 * the caller's fault and not something to send again unless it was safe to.
 */
public final class ConnectionLost {

	private ConnectionLost() {
	}

	/** The closed or reset connection among the causes, or null. */
	public static IOException causeOf(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof PrematureCloseException || cause instanceof SocketException || isNativeReset(cause)) {
				return (IOException) cause;
			}
		}
		return null;
	}

	/**
	 * Netty's native transport reports a reset as its own IOException, not a
	 * SocketException.
	 */
	private static boolean isNativeReset(Throwable cause) {
		return cause instanceof IOException
				&& cause.getClass().getName().equals("io.netty.channel.unix.Errors$NativeIoException");
	}

}
