package dev.pinwarden.job;

import dev.pinwarden.ApplicationException;

/** A job was asked to stop before it committed: nothing of it is applied. */
public class JobCancelledException extends ApplicationException {

	JobCancelledException() {
		super(Kind.CONFLICT, "job_cancelled", "The job was cancelled; nothing of it was applied");
	}

}
