package dev.authgateway.gateway.session;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * One 401 for a refresh token that is unknown, spent, expired or revoked: callers learn
 * nothing more.
 */
public class RefreshTokenRejectedException extends ErrorResponseException {

	public RefreshTokenRejectedException() {
		super(HttpStatus.UNAUTHORIZED, problem(), null);
	}

	private static ProblemDetail problem() {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED,
				"The refresh token is not valid. Log in again.");
		problem.setTitle("Invalid refresh token");
		problem.setProperty("error", "invalid_grant");
		return problem;
	}

}
