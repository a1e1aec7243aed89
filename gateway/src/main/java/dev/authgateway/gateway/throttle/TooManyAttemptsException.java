package dev.authgateway.gateway.throttle;

import java.time.Duration;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** 429 with Retry-After, for an account or an address that must wait. */
public class TooManyAttemptsException extends ErrorResponseException {

	private final long retryAfterSeconds;

	public TooManyAttemptsException(Duration wait) {
		super(HttpStatus.TOO_MANY_REQUESTS, problem(), null);
		this.retryAfterSeconds = Math.max(1, (wait.toMillis() + 999) / 1000);
		getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(this.retryAfterSeconds));
	}

	public long retryAfterSeconds() {
		return this.retryAfterSeconds;
	}

	private static ProblemDetail problem() {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS,
				"Too many attempts. Wait as long as Retry-After says, then try again.");
		problem.setTitle("Too many attempts");
		return problem;
	}

}
