package dev.pinwarden.pin;

import dev.pinwarden.ApplicationException;

public class TemporaryPinNotFoundException extends ApplicationException {

	TemporaryPinNotFoundException(long userId, long id) {
		super(Kind.NOT_FOUND, "temporary_pin_not_found",
				"User " + userId + " has no unexpired temporary PIN with id " + id);
	}

}
