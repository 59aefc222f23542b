package dev.pinwarden.job;

import dev.pinwarden.JobProgress;

import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Gauge;
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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import dev.pinwarden.ApplicationException;
import dev.pinwarden.InvalidInputException;

/**
 * Starts, follows and cancels jobs. A job runs on one of this node's worker threads; its
 * row in {@code job} is written in transactions of its own (never in the work's, which
 * stays open until the work commits), so that every node sees its progress while it runs.
 * Each node renews the leases of its jobs, on a thread of its own and at every step of
 * the work; a job of another node whose lease ran out is marked failed, "the node running
 * it stopped". Right before the work commits, it marks its job committing in its own
 * transaction ({@link JobProgress#beforeCommit()}), unless the job was cancelled or
 * failed meanwhile: a cancel or another node's check then waits for that commit and finds
 * the job beyond cancelling. Every job is timed in
 * {@code pinwarden.jobs}, tagged with its kind and outcome;
 * {@code pinwarden.jobs.running} counts those running on this node, and
 * {@code pinwarden.jobs.progress}, by kind, says how far the phase of the one running
 * here is (0 to 1; 0 when its total is not known).
 */
@Service
public class Jobs {

	private static final Logger log = LoggerFactory.getLogger(Jobs.class);

	static final Set<String> STATES = Set.of("queued", "running", "succeeded", "failed", "cancelled");

	/**
	 * Progress is written at most this often, and whenever a phase begins or the work
	 * checks whether it was cancelled (between batches of a thousand or so).
	 */
	private static final Duration FLUSH_INTERVAL = Duration.ofMillis(250);

	private final JdbcClient jdbc;

	private final TransactionTemplate ownTransaction;

	private final JsonMapper json;

	private final Clock clock;

	private final MeterRegistry meters;

	private final Duration lease;

	private final Duration keep;

	private final String node = UUID.randomUUID().toString();

	private final ExecutorService workers;

	private final ScheduledExecutorService renewer;

	private final AtomicInteger running = new AtomicInteger();

	private final Map<Long, Boolean> mine = new ConcurrentHashMap<>();

	/** The progress of the job of each kind running here, for its gauge. */
	private final Map<String, Double> progressByKind = new ConcurrentHashMap<>();

	/** Which job the figure of each kind is of. */
	private final Map<String, Long> progressOwner = new ConcurrentHashMap<>();

	Jobs(JdbcClient jdbc, PlatformTransactionManager transactions, JsonMapper json, Clock clock, MeterRegistry meters,
			@Value("${pinwarden.jobs.lease:60s}") Duration lease, @Value("${pinwarden.jobs.keep:30d}") Duration keep,
			@Value("${pinwarden.jobs.workers:2}") int workers,
			@Value("${pinwarden.jobs.lease-renewal:15s}") Duration renewal) {
		this.keep = keep;
		this.jdbc = jdbc;
		this.ownTransaction = new TransactionTemplate(transactions);
		this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.json = json;
		this.clock = clock;
		this.meters = meters;
		this.lease = lease;
		AtomicInteger threads = new AtomicInteger();
		this.workers = Executors.newFixedThreadPool(workers, (task) -> {
			Thread thread = new Thread(task, "job-" + threads.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
		meters.gauge("pinwarden.jobs.running", this.running);
		this.renewer = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "job-leases");
			thread.setDaemon(true);
			return thread;
		});
		this.renewer.scheduleWithFixedDelay(this::renewQuietly, renewal.toMillis(), renewal.toMillis(),
				TimeUnit.MILLISECONDS);
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
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		try {
			this.ownTransaction.executeWithoutResult((status) -> this.jdbc.sql("""
					insert into job (kind, state, done, node, lease_until, cancel_requested, committing, created_at)
					values (:kind, 'queued', 0, :node, :lease, false, false, :now)""")
				.param("kind", kind)
				.param("node", this.node)
				.param("lease", Timestamp.from(now.plus(this.lease)))
				.param("now", Timestamp.from(now))
				.update(keys, "id"));
			long id = keys.getKey().longValue();
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
			if (!began(id)) {
				return;
			}
			Object result = work.run(new Progress(id, kind));
			finish(id, "succeeded", this.json.writeValueAsString(result), null, null);
			outcome = "succeeded";
		}
		catch (JobCancelledException ex) {
			finish(id, "cancelled", null, null, null);
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
			// only this job's own figure: another of its kind may be running (this one
			// refused by it)
			if (this.progressOwner.remove(kind, id)) {
				this.progressByKind.put(kind, 0.0);
			}
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
		boolean committed = Boolean.TRUE
			.equals(this.ownTransaction.execute((status) -> this.jdbc.sql("select committing from job where id = :id")
				.param("id", id)
				.query(Boolean.class)
				.optional()
				.orElse(false)));
		finish(id, "failed", null, code, message + (committed
				? "; the work was applied, but its result could not be recorded: see the sync runs and the audit log"
				: "; nothing of it was applied"));
	}

	/** A queued job begins, unless it was cancelled while it waited. */
	private boolean began(long id) {
		Integer rows = this.ownTransaction.execute((status) -> this.jdbc
			.sql("update job set state = 'running', started_at = :now where id = :id and state = 'queued'")
			.param("now", Timestamp.from(this.clock.instant()))
			.param("id", id)
			.update());
		return rows != null && rows == 1;
	}

	private void finish(long id, String state, String result, String errorCode, String errorMessage) {
		this.ownTransaction.executeWithoutResult((status) -> this.jdbc.sql("""
				update job set state = :state, finished_at = :now, result = :result, error_code = :code,
				  error_message = :message where id = :id and finished_at is null""")
			.param("state", state)
			.param("now", Timestamp.from(this.clock.instant()))
			.param("result", result)
			.param("code", errorCode)
			.param("message",
					(errorMessage != null && errorMessage.length() > 1000) ? errorMessage.substring(0, 1000)
							: errorMessage)
			.param("id", id)
			.update());
	}

	/**
	 * @throws JobNotFoundException when there is no such job
	 */
	public Job get(long id) {
		return this.jdbc.sql("select * from job where id = :id")
			.param("id", id)
			.query(this::job)
			.optional()
			.orElseThrow(() -> new JobNotFoundException(id));
	}

	/** The newest jobs, of one state or of all; at most 100. */
	public List<Job> list(String state) {
		if (state != null && !STATES.contains(state)) {
			throw new InvalidInputException("state",
					"state must be one of queued, running, succeeded, failed, cancelled");
		}
		return this.jdbc
			.sql("select * from job" + ((state != null) ? " where state = :state" : "")
					+ " order by id desc fetch first 100 rows only")
			.param("state", state)
			.query(this::job)
			.list();
	}

	/** The jobs queued or running now, on any node, oldest first. */
	public List<Job> unfinished() {
		return this.jdbc.sql("select * from job where finished_at is null order by id").query(this::job).list();
	}

	/**
	 * Stops a job that has not ended: a queued one at once, a running one at its next
	 * check, before it commits, so that nothing of it is applied.
	 * @throws JobFinishedException when it has ended
	 */
	public Job cancel(long id) {
		get(id);
		// waits while the job's work is committing (it holds the row), then finds it
		// committing: too late
		Integer rows = this.ownTransaction.execute((status) -> this.jdbc.sql("""
				update job set cancel_requested = true,
				  finished_at = case when state = 'queued' then :now else finished_at end,
				  state = case when state = 'queued' then 'cancelled' else state end
				where id = :id and finished_at is null and committing = false""")
			.param("now", Timestamp.from(this.clock.instant()))
			.param("id", id)
			.update());
		Job job = get(id);
		if (rows == null || rows == 0) {
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
		if (ids.isEmpty()) {
			return;
		}
		this.jdbc.sql("update job set lease_until = :until where id in (:ids) and finished_at is null")
			.param("until", Timestamp.from(this.clock.instant().plus(this.lease)))
			.param("ids", ids)
			.update();
	}

	/**
	 * Jobs of other nodes whose lease ran out are failed: their node stopped, and its
	 * transaction, and with it the job's locks, ended with it.
	 */
	@Scheduled(fixedDelayString = "${pinwarden.jobs.lease-renewal:15s}", initialDelayString = "PT5S")
	public int failAbandoned() {
		Timestamp now = Timestamp.from(this.clock.instant());
		int before = this.jdbc.sql("""
				update job set state = 'failed', finished_at = :now, error_code = 'node_stopped',
				  error_message = 'the node running it stopped before it ended; nothing of it was applied'
				where finished_at is null and lease_until < :now and committing = false and node <> :node""")
			.param("now", now)
			.param("node", this.node)
			.update();
		int after = this.jdbc
			.sql("""
					update job set state = 'failed', finished_at = :now, error_code = 'node_stopped',
					  error_message = 'the node running it stopped after its work was applied, before it recorded the result: see the sync runs and the audit log'
					where finished_at is null and lease_until < :now and committing = true and node <> :node""")
			.param("now", now)
			.param("node", this.node)
			.update();
		return before + after;
	}

	private void renewQuietly() {
		try {
			renewLeases();
		}
		catch (RuntimeException ex) {
			log.warn("The leases of this node's jobs could not be renewed: {}", ex.toString());
		}
	}

	/** Ended jobs are kept for a while, to be looked at, then deleted. */
	@Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT1M")
	public int deleteEnded() {
		return this.jdbc.sql("delete from job where finished_at < :before")
			.param("before", Timestamp.from(this.clock.instant().minus(this.keep)))
			.update();
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

	private Job job(ResultSet rs, int row) throws SQLException {
		String result = rs.getString("result");
		String errorCode = rs.getString("error_code");
		return new Job(rs.getLong("id"), rs.getString("kind"), rs.getString("state"), rs.getString("phase"),
				rs.getLong("done"), rs.getObject("total", Long.class), instant(rs, "phase_started_at"),
				rs.getBoolean("cancel_requested"), instant(rs, "created_at"), instant(rs, "started_at"),
				instant(rs, "finished_at"), (result != null) ? this.json.readTree(result) : null,
				(errorCode != null) ? new Job.Error(errorCode, rs.getString("error_message")) : null);
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

	/**
	 * A running job's progress, written to its row now and then, and its cancel flag
	 * read.
	 */
	private final class Progress implements JobProgress {

		private final long id;

		private final String kind;

		private String phase;

		private long done;

		private Long total;

		private Instant phaseStartedAt;

		private boolean cancelRequested;

		private long lastFlush;

		Progress(long id, String kind) {
			this.id = id;
			this.kind = kind;
			if (Jobs.this.progressByKind.putIfAbsent(kind, 0.0) == null) {
				Gauge.builder("pinwarden.jobs.progress", Jobs.this.progressByKind, (all) -> all.getOrDefault(kind, 0.0))
					.description("How far the phase of the job of this kind running on this node is, 0 to 1")
					.tag("kind", kind)
					.register(Jobs.this.meters);
			}
		}

		@Override
		public void phase(String phase, Long total) {
			this.phase = phase;
			this.total = total;
			this.done = 0;
			this.phaseStartedAt = Jobs.this.clock.instant();
			flush(true);
		}

		@Override
		public void done(long done) {
			this.done = done;
			flush(false);
		}

		/**
		 * The commit point, in the work's own transaction: marks the job committing
		 * unless it was cancelled or failed as abandoned meanwhile, and holds its row
		 * until the work commits, so that a cancel or another node's check waits and then
		 * finds it committing.
		 */
		@Override
		public void beforeCommit() {
			int rows = Jobs.this.jdbc.sql("""
					update job set committing = true, lease_until = :lease
					where id = :id and state = 'running' and cancel_requested = false""")
				.param("lease", Timestamp.from(Jobs.this.clock.instant().plus(Jobs.this.lease)))
				.param("id", this.id)
				.update();
			if (rows == 0) {
				throw new JobCancelledException();
			}
		}

		@Override
		public void checkCancelled() {
			// always read: a cancel must be seen before the work commits, also when its
			// last batches take less than the flush interval
			flush(true);
			if (this.cancelRequested) {
				throw new JobCancelledException();
			}
		}

		private void flush(boolean now) {
			long time = System.nanoTime();
			if (!now && time - this.lastFlush < FLUSH_INTERVAL.toNanos()) {
				return;
			}
			this.lastFlush = time;
			Jobs.this.progressOwner.put(this.kind, this.id);
			Jobs.this.progressByKind.put(this.kind,
					(this.total != null && this.total > 0) ? Math.min(1.0, (double) this.done / this.total) : 0.0);
			Boolean cancel = Jobs.this.ownTransaction.execute((status) -> {
				Jobs.this.jdbc.sql("""
						update job set phase = :phase, phase_started_at = :phaseStarted, done = :done, total = :total,
						  lease_until = :lease
						where id = :id""")
					.param("lease", Timestamp.from(Jobs.this.clock.instant().plus(Jobs.this.lease)))
					.param("phase", this.phase)
					.param("phaseStarted", (this.phaseStartedAt != null) ? Timestamp.from(this.phaseStartedAt) : null)
					.param("done", this.done)
					.param("total", this.total)
					.param("id", this.id)
					.update();
				// stops when asked to, when another node failed it (its lease ran out),
				// and when its row was deleted: it has nobody to report to
				return Jobs.this.jdbc.sql("select cancel_requested, state from job where id = :id")
					.param("id", this.id)
					.query((rs, row) -> rs.getBoolean("cancel_requested") || !"running".equals(rs.getString("state")))
					.optional()
					.orElse(true);
			});
			this.cancelRequested = Boolean.TRUE.equals(cancel);
		}

	}

}
