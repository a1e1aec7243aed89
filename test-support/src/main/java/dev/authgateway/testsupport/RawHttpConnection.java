package dev.authgateway.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One keep-alive HTTP/1.1 connection written byte for byte, for what an HTTP client hides
 * from a test: several requests sent together before the first is answered, as a
 * browser's next request can arrive while the server is still finishing the one before.
 * Shared with the gateway's tests.
 */
public final class RawHttpConnection implements AutoCloseable {

	/**
	 * How long a test waits for an answer before it fails: far more than any answer here
	 * takes.
	 */
	private static final int ANSWER_WITHIN_MILLIS = 10_000;

	private static final Pattern STATUS_LINE = Pattern.compile("HTTP/1\\.1 (\\d{3}) ");

	private final Socket socket;

	private final StringBuilder received = new StringBuilder();

	public RawHttpConnection(int port) {
		try {
			this.socket = new Socket("127.0.0.1", port);
			this.socket.setSoTimeout(ANSWER_WITHIN_MILLIS);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Writes the requests, whole and in one go. */
	public void send(String requests) {
		try {
			OutputStream out = this.socket.getOutputStream();
			out.write(requests.getBytes(StandardCharsets.US_ASCII));
			out.flush();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The status codes of every response received on this connection so far, read until
	 * there are that many or the server has closed it; fails the test when an answer does
	 * not come in time.
	 */
	public List<String> statusesOnceThereAre(int responses) {
		byte[] buffer = new byte[8192];
		try {
			InputStream in = this.socket.getInputStream();
			while (statuses().size() < responses) {
				int read = in.read(buffer);
				if (read < 0) {
					break;
				}
				this.received.append(new String(buffer, 0, read, StandardCharsets.US_ASCII));
			}
		}
		catch (SocketTimeoutException ex) {
			throw new AssertionError("No answer within " + ANSWER_WITHIN_MILLIS + " ms; so far: " + this.received, ex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return statuses();
	}

	private List<String> statuses() {
		return STATUS_LINE.matcher(this.received).results().map((result) -> result.group(1)).toList();
	}

	@Override
	public void close() {
		try {
			this.socket.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
