package dev.authgateway.support.problem;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A 400 whose problem body lists what is wrong with which field, as validation problems
 * do.
 */
public class InvalidRequest extends ErrorResponseException {

	public InvalidRequest(List<FieldError> errors) {
		super(HttpStatus.BAD_REQUEST, problem(errors), null);
	}

	/** One field and what is wrong with it. */
	public static InvalidRequest of(String field, String message) {
		return new InvalidRequest(List.of(new FieldError(field, message)));
	}

	private static ProblemDetail problem(List<FieldError> errors) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "The request is not valid.");
		problem.setTitle("Invalid request");
		problem.setProperty("errors", errors);
		return problem;
	}

	/** What is wrong with one field, as {@code {"field","message"}}. */
	public record FieldError(String field, String message) {
	}

}
