package dev.pinwarden.pin;

import dev.pinwarden.ApplicationException;

/** A mass regeneration is already running, here or on another node. */
public class RegenerationRunningException extends ApplicationException {

	public RegenerationRunningException() {
		super(Kind.CONFLICT, "regeneration_running",
				"A regeneration of all PINs is already running; wait for it to finish");
	}

}
