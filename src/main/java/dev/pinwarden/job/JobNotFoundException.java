package dev.pinwarden.job;

import dev.pinwarden.ApplicationException;

public class JobNotFoundException extends ApplicationException {

	JobNotFoundException(long id) {
		super(Kind.NOT_FOUND, "job_not_found", "There is no job " + id);
	}

}
