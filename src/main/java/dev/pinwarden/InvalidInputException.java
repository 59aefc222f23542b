package dev.pinwarden;

/**
 * A request value that breaks a rule, naming the field it came from so that a form can
 * show the message next to it.
 */
public class InvalidInputException extends ApplicationException {

	private final String field;

	public InvalidInputException(String field, String code, String message) {
		super(Kind.INVALID, code, message);
		this.field = field;
	}

	public InvalidInputException(String field, String message) {
		this(field, "invalid_field", message);
	}

	public String field() {
		return this.field;
	}

}
