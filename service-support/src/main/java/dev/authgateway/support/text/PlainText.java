package dev.authgateway.support.text;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/**
 * Text a person typed: no control characters but tab, and newlines only where
 * {@link #multiline()} says so. A NUL cannot be stored in PostgreSQL at all, and the
 * other controls only ever serve to garble logs and screens, so they are refused with a
 * 400 naming the field before anything stores or logs them.
 */
@Documented
@Constraint(validatedBy = PlainTextValidator.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE,
		ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
public @interface PlainText {

	/**
	 * Whether line breaks (LF, and CR before LF) belong in this text, as in a body but
	 * not in a title.
	 */
	boolean multiline() default false;

	String message() default "must not contain control characters";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

}
