package dev.pinwarden.job;

import dev.pinwarden.ApplicationException;

/** A cancel of a job that has ended: what it did stays. */
public class JobFinishedException extends ApplicationException {

	JobFinishedException(long id, String state) {
		super(Kind.CONFLICT, "job_finished", "Job " + id + " has ended (" + state + "); there is nothing to cancel");
	}

}
