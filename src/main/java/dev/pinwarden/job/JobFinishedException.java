package dev.pinwarden.job;

import dev.pinwarden.ApplicationException;

/** A cancel of a job that has ended: what it did stays. */
public class JobFinishedException extends ApplicationException {

	JobFinishedException(long id, String state) {
		this("Job " + id + " has ended (" + state + "); there is nothing to cancel");
	}

	private JobFinishedException(String message) {
		super(Kind.CONFLICT, "job_finished", message);
	}

	/** A cancel that came once the job's work was being applied. */
	static JobFinishedException committing(long id) {
		return new JobFinishedException("Job " + id + " is applying its work already; it can no longer be cancelled");
	}

}
