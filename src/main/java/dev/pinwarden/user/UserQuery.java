package dev.pinwarden.user;

import dev.pinwarden.InvalidInputException;
import dev.pinwarden.TextInput;

/**
 * A search of users.
 *
 * @param text matched anywhere in username, full name or email, case-insensitively;
 * {@code null} for all
 * @param page the page, from 0
 * @param size users per page, 1 to {@value #MAX_SIZE}
 */
public record UserQuery(String text, int page, int size) {

	public static final int DEFAULT_SIZE = 50;

	public static final int MAX_SIZE = 500;

	public static final int MAX_PAGE = 1_000_000;

	public UserQuery {
		text = TextInput.optional("q", text, 200);
		if (page < 0 || page > MAX_PAGE) {
			throw new InvalidInputException("page", "page must be between 0 and " + MAX_PAGE);
		}
		if (size < 1 || size > MAX_SIZE) {
			throw new InvalidInputException("size", "size must be between 1 and " + MAX_SIZE);
		}
	}

}
