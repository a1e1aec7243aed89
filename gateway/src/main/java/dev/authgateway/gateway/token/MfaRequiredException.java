package dev.authgateway.gateway.token;

import java.util.List;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * The answer to a right password that is not enough: 403 with {@code mfa_required}, the
 * token for the second step and the methods the account has, or with
 * {@code mfa_enrollment_required} and the token to set up a first factor.
 */
class MfaRequiredException extends ErrorResponseException {

	private MfaRequiredException(ProblemDetail problem) {
		super(HttpStatus.FORBIDDEN, problem, null);
		// the body holds a credential
		getHeaders().setCacheControl(CacheControl.noStore());
		getHeaders().set(HttpHeaders.PRAGMA, "no-cache");
	}

	static MfaRequiredException secondFactor(String mfaToken, List<String> methods) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN,
				"This account has a second factor. Send a code with mfa_token to /auth/token/mfa within "
						+ MfaChallenges.LIFETIME.toMinutes() + " minutes.");
		problem.setTitle("Second factor required");
		problem.setProperty("error", "mfa_required");
		problem.setProperty("mfa_token", mfaToken);
		problem.setProperty("methods", methods);
		return new MfaRequiredException(problem);
	}

	static MfaRequiredException enrolment(String mfaToken) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN,
				"This account's role requires a second factor. Set up an authenticator with mfa_token at "
						+ "/auth/token/mfa/totp within " + MfaChallenges.LIFETIME.toMinutes() + " minutes.");
		problem.setTitle("Second factor to be set up");
		problem.setProperty("error", "mfa_enrollment_required");
		problem.setProperty("mfa_token", mfaToken);
		return new MfaRequiredException(problem);
	}

	/**
	 * Never the problem's body: it holds the second-step token, and messages reach logs.
	 */
	@Override
	public String getMessage() {
		return getStatusCode() + " " + getBody().getTitle();
	}

}
