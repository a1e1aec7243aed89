package dev.authgateway.gateway.user;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * 503 with Retry-After: every password-hashing thread is busy and the queue before them
 * is full. A flood of logins is the likely cause, and the caller did nothing wrong, so
 * this is no error of the server's either.
 */
class HashingBusyException extends ErrorResponseException {

	private static final String RETRY_AFTER_SECONDS = "2";

	HashingBusyException(Throwable cause) {
		super(HttpStatus.SERVICE_UNAVAILABLE, problem(), cause);
		getHeaders().set(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
	}

	private static ProblemDetail problem() {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				"The server is checking too many passwords right now. Try again as Retry-After says.");
		problem.setTitle("Busy");
		return problem;
	}

}
