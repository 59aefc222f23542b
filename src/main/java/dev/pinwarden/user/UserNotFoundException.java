package dev.pinwarden.user;

import dev.pinwarden.ApplicationException;

public class UserNotFoundException extends ApplicationException {

	public UserNotFoundException(long id) {
		super(Kind.NOT_FOUND, "user_not_found", "There is no user with id " + id);
	}

	public UserNotFoundException(String username) {
		super(Kind.NOT_FOUND, "user_not_found", "There is no user named '" + username + "'");
	}

}
