package dev.pinwarden.sync;

import dev.pinwarden.ApplicationException;

/**
 * The source as a whole cannot be used: a file that is not CSV, a directory that refuses
 * the bind (400), or one that cannot be reached (502).
 */
public class SyncSourceException extends ApplicationException {

	public SyncSourceException(String code, String message) {
		super(Kind.INVALID, code, message);
	}

	private SyncSourceException(Kind kind, String code, String message) {
		super(kind, code, message);
	}

	static SyncSourceException upstream(String code, String message) {
		return new SyncSourceException(Kind.UPSTREAM, code, message);
	}

}
