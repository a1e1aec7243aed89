package dev.authgateway.gateway.admin;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** The contract's page shape, for the admin lists. */
record AdminPage<T>(List<T> content, PageInfo page) {

	static <T> AdminPage<T> of(List<T> content, Request request, long totalElements) {
		int totalPages = (int) ((totalElements + request.size() - 1) / request.size());
		return new AdminPage<>(content, new PageInfo(request.number(), request.size(), totalElements, totalPages));
	}

	record PageInfo(int number, int size, long totalElements, int totalPages) {
	}

	/**
	 * {@code page} (0-based) and {@code size} (1-100, default 20) as the contract's pages
	 * take them.
	 */
	record Request(int number, int size) {

		static final int MAX_SIZE = 100;

		static Request parse(String page, String size) {
			List<Map<String, String>> errors = new ArrayList<>();
			int number = parseInt(page, 0, "page", 0, Integer.MAX_VALUE / MAX_SIZE, errors);
			int pageSize = parseInt(size, 20, "size", 1, MAX_SIZE, errors);
			if (!errors.isEmpty()) {
				throw invalid(errors);
			}
			return new Request(number, pageSize);
		}

		long offset() {
			return (long) this.number * this.size;
		}

		private static int parseInt(String value, int defaultValue, String field, int min, int max,
				List<Map<String, String>> errors) {
			if (value == null || value.isEmpty()) {
				return defaultValue;
			}
			try {
				int parsed = Integer.parseInt(value);
				if (parsed >= min && parsed <= max) {
					return parsed;
				}
			}
			catch (NumberFormatException ex) {
				// reported below like an out-of-range number
			}
			errors.add(Map.of("field", field, "message", "must be a whole number from " + min + " to " + max));
			return defaultValue;
		}

	}

	static ErrorResponseException invalid(List<Map<String, String>> errors) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "The request is not valid.");
		problem.setTitle("Invalid request");
		problem.setProperty("errors", errors);
		return new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
	}

}
