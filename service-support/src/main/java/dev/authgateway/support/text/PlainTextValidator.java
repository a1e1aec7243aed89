package dev.authgateway.support.text;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** Checks {@link PlainText}; a null is someone else's business ({@code @NotNull}). */
public class PlainTextValidator implements ConstraintValidator<PlainText, CharSequence> {

	private boolean multiline;

	@Override
	public void initialize(PlainText annotation) {
		this.multiline = annotation.multiline();
	}

	@Override
	public boolean isValid(CharSequence text, ConstraintValidatorContext context) {
		return text == null || isPlain(text, this.multiline);
	}

	/**
	 * True when the text holds no control character but tab (and line breaks, when
	 * multi-line).
	 */
	public static boolean isPlain(CharSequence text, boolean multiline) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (Character.getType(c) != Character.CONTROL || c == '\t') {
				continue;
			}
			boolean lineBreak = c == '\n' || (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n');
			if (!(multiline && lineBreak)) {
				return false;
			}
		}
		return true;
	}

}
