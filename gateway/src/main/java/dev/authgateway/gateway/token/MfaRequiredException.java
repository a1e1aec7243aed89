package dev.authgateway.gateway.token;

import java.util.List;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * The answer to a right password of an account with a second factor: 403 with
 * {@code mfa_required}, the token for the second step and the methods the account has.
 */
class MfaRequiredException extends ErrorResponseException {

	MfaRequiredException(String mfaToken, List<String> methods) {
		super(HttpStatus.FORBIDDEN, problem(mfaToken, methods), null);
		// the body holds a credential
		getHeaders().setCacheControl(CacheControl.noStore());
		getHeaders().set(HttpHeaders.PRAGMA, "no-cache");
	}

	private static ProblemDetail problem(String mfaToken, List<String> methods) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN,
				"This account has a second factor. Send a code with mfa_token to /auth/token/mfa within "
						+ MfaChallenges.LIFETIME.toMinutes() + " minutes.");
		problem.setTitle("Second factor required");
		problem.setProperty("error", "mfa_required");
		problem.setProperty("mfa_token", mfaToken);
		problem.setProperty("methods", methods);
		return problem;
	}

	/**
	 * Never the problem's body: it holds the second-step token, and messages reach logs.
	 */
	@Override
	public String getMessage() {
		return getStatusCode() + " " + getBody().getTitle();
	}

}
