package dev.pinwarden.terminal;

import dev.pinwarden.ApplicationException;
import dev.pinwarden.settings.LoginMode;

/** A terminal sent what its login mode does not take (a PIN alone to a card terminal). */
class LoginModeException extends ApplicationException {

	LoginModeException(LoginMode mode) {
		super(Kind.INVALID, "login_mode",
				"This terminal's login mode is " + mode.value() + ": it takes " + mode.expects());
	}

}
