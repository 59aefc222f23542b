package dev.pinwarden.user;

import java.util.regex.Pattern;

import dev.pinwarden.InvalidInputException;
import dev.pinwarden.TextInput;

/** The sizes of the user columns, and what an email address must look like. */
final class UserLimits {

	static final int USERNAME = 100;

	static final int FULL_NAME = 200;

	static final int EMAIL = 254;

	// Deliberately loose: one @, something on each side, no spaces. Whether the address
	// exists only a mail can tell.
	private static final Pattern EMAIL_SHAPE = Pattern.compile("[^@\\s]+@[^@\\s]+");

	private UserLimits() {
	}

	static String email(String value) {
		String email = TextInput.optional("email", value, EMAIL);
		if (email != null && !EMAIL_SHAPE.matcher(email).matches()) {
			throw new InvalidInputException("email", "email is not a valid email address");
		}
		return email;
	}

}
