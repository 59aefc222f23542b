package dev.pinwarden.sync;

import dev.pinwarden.ApplicationException;

/** The source as a whole cannot be used: not CSV at all, a directory that refuses, ... */
public class SyncSourceException extends ApplicationException {

	public SyncSourceException(String code, String message) {
		super(Kind.INVALID, code, message);
	}

}
