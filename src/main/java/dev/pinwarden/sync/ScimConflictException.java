package dev.pinwarden.sync;

import dev.pinwarden.ApplicationException;

/** SCIM's "uniqueness" error: the userName is taken. */
class ScimConflictException extends ApplicationException {

	ScimConflictException(String message) {
		super(Kind.CONFLICT, "scim_uniqueness", message);
	}

}
