package dev.authgateway.support.paging;

import java.util.ArrayList;
import java.util.List;

import dev.authgateway.support.problem.InvalidRequest;

/**
 * The contract's paging parameters: {@code page} (0-based) and {@code size} (1-100,
 * default 20), checked before anything reaches a database.
 *
 * @param number the page, from 0
 * @param size how many elements a page holds
 */
public record PageRequest(int number, int size) {

	public static final int DEFAULT_SIZE = 20;

	public static final int MAX_SIZE = 100;

	/** Both parameters, or a 400 naming each that is wrong. */
	public static PageRequest parse(String page, String size) {
		List<InvalidRequest.FieldError> errors = new ArrayList<>();
		PageRequest request = parse(page, size, errors);
		if (!errors.isEmpty()) {
			throw new InvalidRequest(errors);
		}
		return request;
	}

	/**
	 * Both parameters; what is wrong is added to {@code errors}, for callers that check
	 * more parameters.
	 */
	public static PageRequest parse(String page, String size, List<InvalidRequest.FieldError> errors) {
		int number = parseInt(page, 0, "page", 0, Integer.MAX_VALUE / MAX_SIZE, errors);
		int pageSize = parseInt(size, DEFAULT_SIZE, "size", 1, MAX_SIZE, errors);
		return new PageRequest(number, pageSize);
	}

	/** How many elements come before this page. */
	public long offset() {
		return (long) this.number * this.size;
	}

	private static int parseInt(String value, int defaultValue, String field, int min, int max,
			List<InvalidRequest.FieldError> errors) {
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
		errors.add(new InvalidRequest.FieldError(field, "must be a whole number from " + min + " to " + max));
		return defaultValue;
	}

}
