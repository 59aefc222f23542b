package dev.pinwarden.job;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import dev.pinwarden.JobProgress;

/**
 * A running job's progress as its work tells it: written to the job's row now and then
 * (with its lease extended), and whether it must stop read with it.
 */
final class JobRun implements JobProgress {

	/**
	 * Progress is written at most this often, and whenever a phase begins or the work
	 * checks whether it was cancelled (between batches of a thousand or so).
	 */
	private static final Duration FLUSH_INTERVAL = Duration.ofMillis(250);

	private final long id;

	private final String kind;

	private final JobRepository jobs;

	private final ProgressGauges gauges;

	private final Clock clock;

	private final Duration lease;

	private String phase;

	private long done;

	private Long total;

	private Instant phaseStartedAt;

	private boolean mustStop;

	private long lastFlush;

	JobRun(long id, String kind, JobRepository jobs, ProgressGauges gauges, Clock clock, Duration lease) {
		this.id = id;
		this.kind = kind;
		this.jobs = jobs;
		this.gauges = gauges;
		this.clock = clock;
		this.lease = lease;
	}

	@Override
	public void phase(String phase, Long total) {
		this.phase = phase;
		this.total = total;
		this.done = 0;
		this.phaseStartedAt = this.clock.instant();
		flush(true);
	}

	@Override
	public void done(long done) {
		this.done = done;
		flush(false);
	}

	@Override
	public void checkCancelled() {
		// always read: a cancel must be seen before the work commits, also when its last
		// batches take less than the flush interval
		flush(true);
		if (this.mustStop) {
			throw new JobCancelledException();
		}
	}

	@Override
	public void beforeCommit() {
		if (!this.jobs.markCommitting(this.id, this.clock.instant().plus(this.lease))) {
			throw new JobCancelledException();
		}
	}

	private void flush(boolean now) {
		long time = System.nanoTime();
		if (!now && time - this.lastFlush < FLUSH_INTERVAL.toNanos()) {
			return;
		}
		this.lastFlush = time;
		this.gauges.set(this.kind, this.id, this.done, this.total);
		this.mustStop = this.jobs.writeProgress(this.id, this.phase, this.phaseStartedAt, this.done, this.total,
				this.clock.instant().plus(this.lease));
	}

}
