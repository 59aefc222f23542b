package dev.pinwarden.pin;

import dev.pinwarden.ApplicationException;

/** The user has as many unexpired temporary PINs as a user may have. */
public class TemporaryPinLimitException extends ApplicationException {

	TemporaryPinLimitException() {
		super(Kind.CONFLICT, "temporary_pin_limit", "A user has at most " + TemporaryPins.MAX_PER_USER
				+ " temporary PINs at a time; delete one or wait until one expires");
	}

}
