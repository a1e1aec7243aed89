package dev.authgateway.support.paging;

import java.util.List;

/**
 * The contract's page shape:
 * {@code {"content":[...],"page":{"number","size","totalElements","totalPages"}}}.
 */
public record Page<T>(List<T> content, PageInfo page) {

	public static <T> Page<T> of(List<T> content, PageRequest request, long totalElements) {
		int totalPages = (int) ((totalElements + request.size() - 1) / request.size());
		return new Page<>(content, new PageInfo(request.number(), request.size(), totalElements, totalPages));
	}

	/** Where a page is among all of them. */
	public record PageInfo(int number, int size, long totalElements, int totalPages) {
	}

}
