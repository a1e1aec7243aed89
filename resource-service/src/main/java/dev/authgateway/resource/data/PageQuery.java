package dev.authgateway.resource.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.data.domain.Sort;

/**
 * The paging parameters of the contract, checked before anything reaches the database:
 * {@code sort} may only name one of a fixed list of properties, so no caller text ever
 * becomes part of a query.
 */
record PageQuery(int page, int size, Sort sort) {

	static final int DEFAULT_SIZE = 20;

	static final int MAX_SIZE = 100;

	/**
	 * The properties a caller may sort by, and their columns: nothing else ever reaches
	 * the SQL.
	 */
	private static final Map<String, String> SORTABLE = Map.of("createdAt", "created_at", "updatedAt", "updated_at",
			"title", "title");

	static PageQuery parse(String page, String size, String sort) {
		List<InvalidRequestException.FieldError> errors = new ArrayList<>();
		int pageNumber = parseInt(page, 0, "page", 0, Integer.MAX_VALUE / MAX_SIZE, errors);
		int pageSize = parseInt(size, DEFAULT_SIZE, "size", 1, MAX_SIZE, errors);
		Sort order = parseSort(sort, errors);
		if (!errors.isEmpty()) {
			throw new InvalidRequestException(errors);
		}
		return new PageQuery(pageNumber, pageSize, order);
	}

	/**
	 * An SQL order clause; the id breaks ties, so pages do not overlap or skip rows when
	 * sort values are equal.
	 */
	String orderBy() {
		Sort.Order order = this.sort.iterator().next();
		return order.getProperty() + (order.isAscending() ? " asc" : " desc") + ", id";
	}

	private static int parseInt(String value, int defaultValue, String field, int min, int max,
			List<InvalidRequestException.FieldError> errors) {
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
		errors.add(new InvalidRequestException.FieldError(field, "must be a whole number from " + min + " to " + max));
		return defaultValue;
	}

	private static Sort parseSort(String value, List<InvalidRequestException.FieldError> errors) {
		if (value == null || value.isEmpty()) {
			return Sort.by(Sort.Direction.DESC, "created_at");
		}
		String[] parts = value.split(",", -1);
		String property = SORTABLE.get(parts[0]);
		Sort.Direction direction = (parts.length == 2) ? direction(parts[1]) : Sort.Direction.ASC;
		if (property == null || parts.length > 2 || direction == null) {
			errors.add(new InvalidRequestException.FieldError("sort",
					"must be createdAt, updatedAt or title, optionally followed by ,asc or ,desc"));
			return Sort.unsorted();
		}
		return Sort.by(direction, property);
	}

	private static Sort.Direction direction(String value) {
		return switch (value) {
			case "asc" -> Sort.Direction.ASC;
			case "desc" -> Sort.Direction.DESC;
			default -> null;
		};
	}

}
