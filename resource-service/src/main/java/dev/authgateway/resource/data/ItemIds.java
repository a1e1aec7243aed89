package dev.authgateway.resource.data;

import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * An id in a path that is no UUID names no item: 404, like any other item the caller
 * cannot see.
 */
final class ItemIds {

	private ItemIds() {
	}

	static UUID parse(String id) {
		try {
			UUID parsed = UUID.fromString(id);
			if (parsed.toString().equalsIgnoreCase(id)) {
				return parsed;
			}
		}
		catch (IllegalArgumentException ex) {
			// falls through to the 404
		}
		throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No such item.");
	}

}
