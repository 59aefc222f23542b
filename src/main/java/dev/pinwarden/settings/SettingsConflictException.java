package dev.pinwarden.settings;

import dev.pinwarden.ApplicationException;

/** The settings were changed by someone else since they were read. */
public class SettingsConflictException extends ApplicationException {

	public SettingsConflictException() {
		super(Kind.CONFLICT, "settings_conflict",
				"The settings were changed by someone else in the meantime; reload them and try again");
	}

}
