package dev.pinwarden.job;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.http.ResponseEntity;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

import dev.pinwarden.ApplicationException;
import dev.pinwarden.InvalidInputException;
import dev.pinwarden.JobProgress;

/**
 * Starts, follows and cancels jobs. A job runs on one of this node's worker threads; its
 * row in {@code job} is written in transactions of its own ({@link JobRepository}), so
 * that every node sees its progress while it runs. Each node renews the leases of its
 * jobs, on a thread of its own and at every step of the work; a job of another node whose
 * lease ran out is marked failed, "the node running it stopped". Right before the work
 * commits, it marks its job committing in its own transaction
 * ({@link JobProgress#beforeCommit()}), unless the job was cancelled or failed meanwhile:
 * a cancel or another node's check then waits for that commit and finds the job beyond
 * cancelling. Every job is timed in {@code pinwarden.jobs}, tagged with its kind and
 * outcome; {@code pinwarden.jobs.running} counts those running on this node, and
 * {@code pinwarden.jobs.progress}, by kind, says how far the phase of the one running
 * here is (0 to 1; 0 when its total is not known).
 */
@Service
public class Jobs {

	private static final Logger log = LoggerFactory.getLogger(Jobs.class);

	static final Set<String> STATES = Set.of("queued", "running", "succeeded", "failed", "cancelled");

	private final JobRepository jobs;

	private final JsonMapper json;

	private final Clock clock;

	private final MeterRegistry meters;

	private final ProgressGauges gauges;

	private final Duration lease;

	private final Duration keep;

	private final String node = UUID.randomUUID().toString();

	private final ExecutorService workers;

	private final ScheduledExecutorService renewer;

	private final AtomicInteger running = new AtomicInteger();

	private final Map<Long, Boolean> mine = new ConcurrentHashMap<>();

	Jobs(JobRepository jobs, JsonMapper json, Clock clock, MeterRegistry meters,
			@Value("${pinwarden.jobs.lease:60s}") Duration lease, @Value("${pinwarden.jobs.keep:30d}") Duration keep,
			@Value("${pinwarden.jobs.workers:2}") int workers,
			@Value("${pinwarden.jobs.lease-renewal:15s}") Duration renewal) {
		this.jobs = jobs;
		this.json = json;
		this.clock = clock;
		this.meters = meters;
		this.gauges = new ProgressGauges(meters);
		this.lease = lease;
		this.keep = keep;
		this.workers = Executors.newFixedThreadPool(workers, daemons("job-"));
		meters.gauge("pinwarden.jobs.running", this.running);
		this.renewer = Executors.newSingleThreadScheduledExecutor(daemons("job-leases-"));
		this.renewer.scheduleWithFixedDelay(this::renewQuietly, renewal.toMillis(), renewal.toMillis(),
				TimeUnit.MILLISECONDS);
	}

	private static ThreadFactory daemons(String prefix) {
		AtomicInteger threads = new AtomicInteger();
		return (task) -> {
			Thread thread = new Thread(task, prefix + threads.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

	/**
	 * Whether a request's {@code Prefer} header (RFC 7240) asks for
	 * {@code respond-async}.
	 */
	public static boolean prefersAsync(String prefer) {
		if (prefer == null) {
			return false;
		}
		for (String preference : prefer.split(",")) {
			String token = preference.split("[;=]", 2)[0].strip().toLowerCase(Locale.ROOT);
			if (token.equals("respond-async")) {
				return true;
			}
		}
		return false;
	}

	/** The answer to a request whose work became this job: 202, where to follow it. */
	public static ResponseEntity<Object> accepted(Job job) {
		return ResponseEntity.accepted()
			.location(URI.create("/api/v1/jobs/" + job.id()))
			.header("Preference-Applied", "respond-async")
			.body(job);
	}

	/**
	 * Queues the work as a job of this kind, run on this node as soon as a worker is
	 * free.
	 */
	public Job start(String kind, JobWork work) {
		return start(kind, null, work);
	}

	/**
	 * As {@link #start(String, JobWork)}, with the input staged for it, closed (deleted)
	 * when the job ends, however it ends, also when it is cancelled before it began.
	 */
	public Job start(String kind, AutoCloseable input, JobWork work) {
		Instant now = this.clock.instant();
		try {
			long id = this.jobs.insert(kind, this.node, now.plus(this.lease), now);
			this.mine.put(id, true);
			this.workers.execute(new Queued(id, kind, input, work));
			return get(id);
		}
		catch (RuntimeException ex) {
			close(input);
			throw ex;
		}
	}

	/** A job waiting for a worker, with its input, which is deleted however it ends. */
	private final class Queued implements Runnable {

		private final long id;

		private final String kind;

		private final AutoCloseable input;

		private final JobWork work;

		Queued(long id, String kind, AutoCloseable input, JobWork work) {
			this.id = id;
			this.kind = kind;
			this.input = input;
			this.work = work;
		}

		@Override
		public void run() {
			try {
				execute(this.id, this.kind, this.work);
			}
			finally {
				close(this.input);
			}
		}

	}

	private static void close(AutoCloseable input) {
		if (input == null) {
			return;
		}
		try {
			input.close();
		}
		catch (Exception ex) {
			log.warn("The staged input of a job could not be deleted: {}", ex.toString());
		}
	}

	private void execute(long id, String kind, JobWork work) {
		Timer.Sample sample = Timer.start(this.meters);
		String outcome = "cancelled";
		this.running.incrementAndGet();
		try {
			if (!this.jobs.begin(id, this.clock.instant())) {
				return;
			}
			Object result = work.run(new JobRun(id, kind, this.jobs, this.gauges, this.clock, this.lease));
			this.jobs.finish(id, "succeeded", this.json.writeValueAsString(result), null, this.clock.instant());
			outcome = "succeeded";
		}
		catch (JobCancelledException ex) {
			this.jobs.finish(id, "cancelled", null, null, this.clock.instant());
		}
		catch (ApplicationException ex) {
			outcome = "failed";
			failed(id, ex.code(), ex.getMessage());
		}
		catch (PessimisticLockingFailureException | QueryTimeoutException ex) {
			outcome = "failed";
			failed(id, "busy", "Other PIN writes (a regeneration or a sync) held the PINs too long; try again");
		}
		catch (RuntimeException | Error ex) {
			outcome = "failed";
			log.error("Job {} ({}) failed", id, kind, ex);
			failed(id, "internal_error", "The job failed unexpectedly (" + ex.getClass().getSimpleName() + ")");
		}
		finally {
			this.running.decrementAndGet();
			this.mine.remove(id);
			this.gauges.ended(kind, id);
			sample.stop(Timer.builder("pinwarden.jobs")
				.description("Jobs, by kind and outcome, from their start to their end")
				.tag("kind", kind)
				.tag("outcome", outcome)
				.register(this.meters));
		}
	}

	/**
	 * A failure, said as it is: before its commit point nothing of the work was applied;
	 * after it (the result could not be recorded) it may have been.
	 */
	private void failed(long id, String code, String message) {
		this.jobs.finish(id, "failed", null, new Job.Error(code, message + (this.jobs.committing(id)
				? "; the work was applied, but its result could not be recorded: see the sync runs and the audit log"
				: "; nothing of it was applied")), this.clock.instant());
	}

	/**
	 * @throws JobNotFoundException when there is no such job
	 */
	public Job get(long id) {
		return this.jobs.find(id).orElseThrow(() -> new JobNotFoundException(id));
	}

	/** The newest jobs, of one state or of all; at most 100. */
	public List<Job> list(String state) {
		if (state != null && !STATES.contains(state)) {
			throw new InvalidInputException("state",
					"state must be one of queued, running, succeeded, failed, cancelled");
		}
		return this.jobs.newest(state);
	}

	/** The jobs queued or running now, on any node, oldest first. */
	public List<Job> unfinished() {
		return this.jobs.unfinished();
	}

	/**
	 * Stops a job that has not ended: a queued one at once, a running one at its next
	 * check, before it commits, so that nothing of it is applied.
	 * @throws JobFinishedException when it has ended, or is committing its work
	 */
	public Job cancel(long id) {
		get(id);
		boolean asked = this.jobs.requestCancel(id, this.clock.instant());
		Job job = get(id);
		if (!asked) {
			throw job.finished() ? new JobFinishedException(id, job.state()) : JobFinishedException.committing(id);
		}
		return job;
	}

	/**
	 * This node's jobs keep their lease while it runs them: renewed on a thread of its
	 * own, so that no other scheduled work, however long it waits, lets them lapse.
	 */
	void renewLeases() {
		List<Long> ids = List.copyOf(this.mine.keySet());
		if (!ids.isEmpty()) {
			this.jobs.renew(ids, this.clock.instant().plus(this.lease));
		}
	}

	private void renewQuietly() {
		try {
			renewLeases();
		}
		catch (RuntimeException ex) {
			log.warn("The leases of this node's jobs could not be renewed: {}", ex.toString());
		}
	}

	/**
	 * Jobs of other nodes whose lease ran out are failed: their node stopped, and its
	 * transaction, and with it the job's locks, ended with it.
	 */
	@Scheduled(fixedDelayString = "${pinwarden.jobs.lease-renewal:15s}", initialDelayString = "PT5S")
	public int failAbandoned() {
		return this.jobs.failAbandoned(this.node, this.clock.instant());
	}

	/** Ended jobs are kept for a while, to be looked at, then deleted. */
	@Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT1M")
	public int deleteEnded() {
		return this.jobs.deleteEndedBefore(this.clock.instant().minus(this.keep));
	}

	/** How many jobs this node is running now. */
	int runningHere() {
		return this.running.get();
	}

	@PreDestroy
	void stop() {
		this.renewer.shutdownNow();
		// those that never began: their inputs are deleted, their rows failed by another
		// node once their lease has run out
		for (Runnable dropped : this.workers.shutdownNow()) {
			if (dropped instanceof Queued queued) {
				close(queued.input);
			}
		}
	}

}
