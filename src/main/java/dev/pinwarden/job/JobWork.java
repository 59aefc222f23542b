package dev.pinwarden.job;

import dev.pinwarden.JobProgress;

/** The work of a job: what the synchronous request would do, reporting its progress. */
@FunctionalInterface
public interface JobWork {

	/** Does the work; its answer becomes the job's {@code result}. */
	Object run(JobProgress progress);

}
