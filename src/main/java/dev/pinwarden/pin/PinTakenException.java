package dev.pinwarden.pin;

import dev.pinwarden.ApplicationException;

/**
 * The PIN belongs to another user. A terminal identifies a user by the PIN alone, so PINs
 * are unique. The message does not say whose it is.
 */
public class PinTakenException extends ApplicationException {

	public PinTakenException() {
		super(Kind.CONFLICT, "pin_taken", "This PIN is already in use; choose another one");
	}

}
