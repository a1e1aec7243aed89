package dev.authgateway.gateway.token;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A DPoP proof that fails a check: RFC 9449 section 5's {@code invalid_dpop_proof}. */
final class DPoPProofException extends ErrorResponseException {

	private DPoPProofException(ProblemDetail problem) {
		super(HttpStatus.BAD_REQUEST, problem, null);
	}

	static DPoPProofException invalid(String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
		problem.setTitle("Invalid DPoP proof");
		problem.setProperty("error", "invalid_dpop_proof");
		return new DPoPProofException(problem);
	}

}
