package dev.pinwarden.terminal;

import dev.pinwarden.ApplicationException;

/** A terminal tried to register a card where the administrator has not allowed it. */
class SelfRegistrationOffException extends ApplicationException {

	SelfRegistrationOffException() {
		super(Kind.FORBIDDEN, "self_registration_off",
				"Cards cannot be registered at terminals here; an administrator adds them");
	}

}
