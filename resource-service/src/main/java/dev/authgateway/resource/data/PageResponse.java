package dev.authgateway.resource.data;

import java.util.List;

/** The page shape of the contract. */
record PageResponse<T>(List<T> content, PageInfo page) {

	static <T> PageResponse<T> of(List<T> content, PageQuery query, long totalElements) {
		int totalPages = (int) ((totalElements + query.size() - 1) / query.size());
		return new PageResponse<>(content, new PageInfo(query.page(), query.size(), totalElements, totalPages));
	}

	record PageInfo(int number, int size, long totalElements, int totalPages) {
	}

}
