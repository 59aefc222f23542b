package dev.pinwarden.user;

import dev.pinwarden.ApplicationException;

/** The user is deactivated, and what was asked is only for active users. */
public class UserInactiveException extends ApplicationException {

	UserInactiveException(long userId) {
		super(Kind.CONFLICT, "user_inactive",
				"User " + userId + " is deactivated: activate it first (a terminal opens for active users only)");
	}

}
