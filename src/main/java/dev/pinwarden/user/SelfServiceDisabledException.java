package dev.pinwarden.user;

import dev.pinwarden.ApplicationException;

/** "Users can change PIN" is off: only an administrator gives out PINs. */
public class SelfServiceDisabledException extends ApplicationException {

	public SelfServiceDisabledException() {
		super(Kind.FORBIDDEN, "self_service_disabled",
				"Users cannot change their PIN here; ask your administrator for a new one");
	}

}
