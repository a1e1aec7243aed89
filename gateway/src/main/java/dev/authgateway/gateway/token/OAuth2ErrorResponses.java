package dev.authgateway.gateway.token;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.authgateway.gateway.session.RefreshTokenRejectedException;
import dev.authgateway.gateway.throttle.TooManyAttemptsException;
import dev.authgateway.support.problem.InvalidRequest;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;

/**
 * The token endpoint's answers to form requests: RFC 6749 section 5.1 for tokens, section
 * 5.2 ({@code error}, {@code error_description}) for what the caller did wrong; never
 * cached. Faults of this server stay problem details.
 */
final class OAuth2ErrorResponses {

	private OAuth2ErrorResponses() {
	}

	static ResponseEntity<Object> noStore(Object body) {
		return noStore(ResponseEntity.ok(), body);
	}

	/** Whether the failure is the caller's, which section 5.2 describes. */
	static boolean handles(Throwable ex) {
		if (ex instanceof OAuth2Error) {
			return true;
		}
		return ex instanceof ErrorResponseException response && response.getStatusCode().is4xxClientError();
	}

	static ResponseEntity<Object> of(Throwable ex) {
		if (ex instanceof OAuth2Error error) {
			return error(error.status(), error.code(), error.getMessage(), HttpHeaders.EMPTY, Map.of());
		}
		ErrorResponseException response = (ErrorResponseException) ex;
		ProblemDetail problem = response.getBody();
		String description = (problem.getDetail() != null) ? problem.getDetail() : problem.getTitle();
		if (ex instanceof InvalidCredentialsException || ex instanceof RefreshTokenRejectedException) {
			// section 5.2: wrong resource owner credentials and spent, revoked or expired
			// refresh tokens are an invalid grant
			return error(HttpStatus.BAD_REQUEST, "invalid_grant", description, HttpHeaders.EMPTY, Map.of());
		}
		if (ex instanceof TooManyAttemptsException) {
			return error(response.getStatusCode(), "temporarily_unavailable", description, response.getHeaders(),
					Map.of());
		}
		if (ex instanceof InvalidRequest && problem.getProperties() != null
				&& problem.getProperties().get("errors") instanceof java.util.List<?> errors) {
			String fields = errors.stream()
				.map((error) -> (error instanceof InvalidRequest.FieldError field)
						? field.field() + " " + field.message() : String.valueOf(error))
				.collect(java.util.stream.Collectors.joining("; "));
			return error(HttpStatus.BAD_REQUEST, "invalid_request", description + " " + fields + ".", HttpHeaders.EMPTY,
					Map.of());
		}
		Map<String, Object> properties = (problem.getProperties() != null) ? problem.getProperties() : Map.of();
		Object code = properties.get("error");
		// a right password that is not enough (a second factor, a temporary password):
		// the code and the token for the next step, as the JSON answer has them
		return error(response.getStatusCode(), (code != null) ? code.toString() : "invalid_request", description,
				response.getHeaders(), properties);
	}

	private static ResponseEntity<Object> error(HttpStatusCode status, String code, String description,
			HttpHeaders headers, Map<String, Object> more) {
		Map<String, Object> body = new LinkedHashMap<>(more);
		body.put("error", code);
		body.put("error_description", description);
		ResponseEntity.BodyBuilder builder = ResponseEntity.status(status);
		headers.forEach((name, values) -> builder.header(name, values.toArray(String[]::new)));
		return noStore(builder.contentType(MediaType.APPLICATION_JSON), body);
	}

	private static ResponseEntity<Object> noStore(ResponseEntity.BodyBuilder builder, Object body) {
		return builder.cacheControl(CacheControl.noStore()).header(HttpHeaders.PRAGMA, "no-cache").body(body);
	}

}
