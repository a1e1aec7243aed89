package dev.authgateway.resource.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.authgateway.support.paging.PageRequest;
import dev.authgateway.support.problem.InvalidRequest;

import org.springframework.data.domain.Sort;

/**
 * The paging parameters of the contract, checked before anything reaches the database:
 * {@code sort} may only name one of a fixed list of properties, so no caller text ever
 * becomes part of a query.
 */
record PageQuery(PageRequest paging, Sort sort) {

	/**
	 * The properties a caller may sort by, and their columns: nothing else ever reaches
	 * the SQL.
	 */
	private static final Map<String, String> SORTABLE = Map.of("createdAt", "created_at", "updatedAt", "updated_at",
			"title", "title");

	static PageQuery parse(String page, String size, String sort) {
		List<InvalidRequest.FieldError> errors = new ArrayList<>();
		PageRequest paging = PageRequest.parse(page, size, errors);
		Sort order = parseSort(sort, errors);
		if (!errors.isEmpty()) {
			throw new InvalidRequest(errors);
		}
		return new PageQuery(paging, order);
	}

	int page() {
		return this.paging.number();
	}

	int size() {
		return this.paging.size();
	}

	/**
	 * An SQL order clause; the id breaks ties, so pages do not overlap or skip rows when
	 * sort values are equal.
	 */
	String orderBy() {
		Sort.Order order = this.sort.iterator().next();
		return order.getProperty() + (order.isAscending() ? " asc" : " desc") + ", id";
	}

	private static Sort parseSort(String value, List<InvalidRequest.FieldError> errors) {
		if (value == null || value.isEmpty()) {
			return Sort.by(Sort.Direction.DESC, "created_at");
		}
		String[] parts = value.split(",", -1);
		String property = SORTABLE.get(parts[0]);
		Sort.Direction direction = (parts.length == 2) ? direction(parts[1]) : Sort.Direction.ASC;
		if (property == null || parts.length > 2 || direction == null) {
			errors.add(new InvalidRequest.FieldError("sort",
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
