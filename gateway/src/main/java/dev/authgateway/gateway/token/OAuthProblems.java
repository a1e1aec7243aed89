package dev.authgateway.gateway.token;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * Problems of the OAuth endpoints, which carry OAuth's {@code error} code beside the RFC
 * 9457 fields.
 */
final class OAuthProblems {

	private OAuthProblems() {
	}

	static ErrorResponseException invalidRequest(String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
		problem.setTitle("Invalid request");
		problem.setProperty("error", "invalid_request");
		return new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
	}

}
