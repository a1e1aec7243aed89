package dev.authgateway.gateway.token;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * The answer to a right temporary password: 403 with {@code password_change_required} and
 * the single-use token that lets the user choose a new password, never tokens.
 */
class PasswordChangeRequiredException extends ErrorResponseException {

	PasswordChangeRequiredException(String changeToken) {
		super(HttpStatus.FORBIDDEN, problem(changeToken), null);
		// the body holds a credential
		getHeaders().setCacheControl(CacheControl.noStore());
		getHeaders().set(HttpHeaders.PRAGMA, "no-cache");
	}

	private static ProblemDetail problem(String changeToken) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN,
				"This password is temporary. Choose a new one: send it with change_token to /auth/token/password within "
						+ PasswordChangeTokens.LIFETIME.toMinutes() + " minutes.");
		problem.setTitle("Password change required");
		problem.setProperty("error", "password_change_required");
		problem.setProperty("change_token", changeToken);
		return problem;
	}

	/** Never the problem's body: it holds the change token, and messages reach logs. */
	@Override
	public String getMessage() {
		return getStatusCode() + " " + getBody().getTitle();
	}

}
