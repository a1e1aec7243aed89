package dev.authgateway.gateway.token;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A DPoP proof that fails a check: RFC 9449 section 5's {@code invalid_dpop_proof}, or
 * section 8's {@code use_dpop_nonce}.
 */
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

	/** A proof without a nonce of ours where one is required (RFC 9449 section 8). */
	static DPoPProofException useNonce(String nonce) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"Make the DPoP proof again with the nonce in the DPoP-Nonce header as its nonce claim.");
		problem.setTitle("DPoP nonce required");
		problem.setProperty("error", "use_dpop_nonce");
		DPoPProofException exception = new DPoPProofException(problem);
		exception.getHeaders().set(DPoPNonces.HEADER, nonce);
		return exception;
	}

}
