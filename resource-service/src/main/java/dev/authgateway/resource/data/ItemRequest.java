package dev.authgateway.resource.data;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import dev.authgateway.support.text.PlainText;

/**
 * The fields a caller may set: exactly these (any other field is a 400). {@code version}
 * is required on update, where it must be the version the caller last read, and ignored
 * on create.
 */
record ItemRequest(@NotNull @Size(min = 1, max = 200) @PlainText String title,
		@Size(max = 10_000) @PlainText(multiline = true) String body,
		@Pattern(regexp = "private|public", message = "must be private or public") String visibility, Integer version) {

	String bodyOrEmpty() {
		return (this.body != null) ? this.body : "";
	}

	String visibilityOrPrivate() {
		return (this.visibility != null) ? this.visibility : "private";
	}

}
