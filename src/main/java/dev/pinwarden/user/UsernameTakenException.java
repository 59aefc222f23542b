package dev.pinwarden.user;

import dev.pinwarden.ApplicationException;

public class UsernameTakenException extends ApplicationException {

	public UsernameTakenException(String username) {
		super(Kind.CONFLICT, "username_taken", "A user named '" + username + "' already exists");
	}

}
