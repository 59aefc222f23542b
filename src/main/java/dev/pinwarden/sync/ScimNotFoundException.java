package dev.pinwarden.sync;

import dev.pinwarden.ApplicationException;

class ScimNotFoundException extends ApplicationException {

	ScimNotFoundException(String id) {
		super(Kind.NOT_FOUND, "scim_not_found", "Resource " + id + " not found");
	}

}
