package dev.authgateway.support.problem;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

import org.springframework.core.Ordered;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.handler.ExceptionHandlingWebHandler;
import org.springframework.web.server.WebExceptionHandler;

/**
 * Turns every error that reaches the web layer into {@code application/problem+json}: the
 * framework's own 4xx errors keep their status and detail, validation errors list their
 * fields, an unreachable or silent database or upstream is a 503, and anything unexpected
 * is a 500 whose details stay in the log. Runs before Spring Boot's default handler, so
 * no response ever carries a stack trace or the default HTML/JSON error page.
 */
public class ProblemExceptionHandler implements WebExceptionHandler, Ordered {

	private static final Logger log = LoggerFactory.getLogger(ProblemExceptionHandler.class);

	private final ProblemResponses problems;

	public ProblemExceptionHandler(ProblemResponses problems) {
		this.problems = problems;
	}

	/** Before Spring Boot's default handler (-1), so its error page never answers. */
	@Override
	public int getOrder() {
		return -2;
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
		if (exchange.getResponse().isCommitted()) {
			return Mono.error(ex);
		}
		if (isCallersMistake(ex)) {
			// not the service's error, and its message may quote what the caller sent (a
			// password typed as a username): kept out of the request's observation, so
			// out
			// of the spans that a collector stores
			exchange.getAttributes().remove(ExceptionHandlingWebHandler.HANDLED_WEB_EXCEPTION);
		}
		if (ex instanceof WebExchangeBindException bind) {
			return this.problems.write(exchange, validationProblem(bind));
		}
		JacksonException json = jsonError(ex);
		if (json != null) {
			return this.problems.write(exchange, jsonProblem(json));
		}
		if (ex instanceof ErrorResponse error) {
			HttpHeaders headers = new HttpHeaders();
			headers.addAll(error.getHeaders());
			return this.problems.write(exchange, copy(error.getBody()), headers);
		}
		if (Unavailable.isCauseOf(ex)) {
			log.warn("Dependency unavailable for {} {}: {}", exchange.getRequest().getMethod(),
					exchange.getRequest().getPath(), NestedExceptionUtils.getMostSpecificCause(ex).toString());
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
					"A service this request needs is not available right now. Try again shortly.");
			problem.setTitle("Service unavailable");
			HttpHeaders headers = new HttpHeaders();
			headers.set(HttpHeaders.RETRY_AFTER, "5");
			return this.problems.write(exchange, problem, headers);
		}
		// an upstream that reset or closed the connection after the request went out:
		// whether
		// it took effect is unknown, so it is not the caller's fault and not retried here
		// (RFC 9110 section 15.6.3)
		IOException dropped = ConnectionLost.causeOf(ex);
		if (dropped != null) {
			log.warn("Upstream closed the connection for {} {}: {}", exchange.getRequest().getMethod(),
					exchange.getRequest().getPath(), dropped.toString());
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_GATEWAY,
					"The service behind the gateway closed the connection before it answered.");
			problem.setTitle("Bad gateway");
			return this.problems.write(exchange, problem);
		}
		log.error("Unexpected error on {} {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(), ex);
		return this.problems.write(exchange, ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
				"The server could not complete the request."));
	}

	private static boolean isCallersMistake(Throwable ex) {
		return ex instanceof WebExchangeBindException || jsonError(ex) != null
				|| (ex instanceof ErrorResponse error && error.getStatusCode().is4xxClientError());
	}

	private static ProblemDetail validationProblem(WebExchangeBindException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "The request is not valid.");
		problem.setTitle("Invalid request");
		List<Map<String, String>> errors = ex.getFieldErrors()
			.stream()
			.map((error) -> Map.of("field", error.getField(), "message", String.valueOf(error.getDefaultMessage())))
			.toList();
		problem.setProperty("errors", errors);
		return problem;
	}

	/**
	 * Which field of a JSON body was unknown or of the wrong type, so the answer can name
	 * it.
	 */
	private static JacksonException jsonError(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof JacksonException json && !json.getPath().isEmpty()) {
				return json;
			}
		}
		return null;
	}

	private static ProblemDetail jsonProblem(JacksonException ex) {
		String field = ex.getPath()
			.stream()
			.map((reference) -> (reference.getPropertyName() != null) ? reference.getPropertyName()
					: String.valueOf(reference.getIndex()))
			.collect(java.util.stream.Collectors.joining("."));
		String message = (ex instanceof UnrecognizedPropertyException) ? "is not a known field"
				: "has the wrong type or format";
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "The request is not valid.");
		problem.setTitle("Invalid request");
		problem.setProperty("errors", List.of(Map.of("field", field, "message", message)));
		return problem;
	}

	/**
	 * The framework reuses its problem objects; never let a request's instance leak into
	 * another's.
	 */
	private static ProblemDetail copy(ProblemDetail body) {
		ProblemDetail problem = ProblemDetail.forStatus(body.getStatus());
		problem.setType(body.getType());
		problem.setTitle(body.getTitle());
		problem.setDetail(body.getDetail());
		if (body.getProperties() != null) {
			body.getProperties().forEach(problem::setProperty);
		}
		return problem;
	}

}
