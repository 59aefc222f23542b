package dev.pinwarden;

/**
 * Checks on free text that arrives from outside (API, CSV, directories): trimmed, bounded
 * and free of control characters, which have no place in a name and break logs and mail
 * headers.
 */
public final class TextInput {

	private TextInput() {
	}

	/** A required value: trimmed, non-blank, at most {@code maxLength} characters. */
	public static String required(String field, String value, int maxLength) {
		String text = optional(field, value, maxLength);
		if (text == null) {
			throw new InvalidInputException(field, field + " is required");
		}
		return text;
	}

	/** An optional value: trimmed; blank becomes {@code null}. */
	public static String optional(String field, String value, int maxLength) {
		if (value == null) {
			return null;
		}
		String text = value.strip();
		if (text.isEmpty()) {
			return null;
		}
		if (text.length() > maxLength) {
			throw new InvalidInputException(field, field + " must be at most " + maxLength + " characters");
		}
		if (text.chars().anyMatch(Character::isISOControl)) {
			throw new InvalidInputException(field, field + " must not contain control characters");
		}
		return text;
	}

}
