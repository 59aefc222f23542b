package dev.pinwarden.sync;

import dev.pinwarden.ApplicationException;

/** A sync of the same source is already running, here or on another node. */
public class SyncRunningException extends ApplicationException {

	public SyncRunningException(String source) {
		super(Kind.CONFLICT, "sync_running", "A " + source + " sync is already running; wait for it to finish");
	}

}
