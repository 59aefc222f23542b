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
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
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
 * Each node renews the leases of its jobs; a job of another node whose lease ran out is
 * marked failed, "the node running it stopped". Every job is timed in
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

	private final AtomicInteger running = new AtomicInteger();

	private final Map<Long, Boolean> mine = new ConcurrentHashMap<>();

	/** The progress of the job of each kind running here, for its gauge. */
	private final Map<String, Double> progressByKind = new ConcurrentHashMap<>();

	Jobs(JdbcClient jdbc, PlatformTransactionManager transactions, JsonMapper json, Clock clock, MeterRegistry meters,
			@Value("${pinwarden.jobs.lease:60s}") Duration lease, @Value("${pinwarden.jobs.keep:30d}") Duration keep,
			@Value("${pinwarden.jobs.workers:2}") int workers) {
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
		this.ownTransaction.executeWithoutResult((status) -> this.jdbc.sql("""
				insert into job (kind, state, done, node, lease_until, cancel_requested, created_at)
				values (:kind, 'queued', 0, :node, :lease, false, :now)""")
			.param("kind", kind)
			.param("node", this.node)
			.param("lease", Timestamp.from(now.plus(this.lease)))
			.param("now", Timestamp.from(now))
			.update(keys, "id"));
		long id = keys.getKey().longValue();
		this.mine.put(id, true);
		this.workers.execute(() -> {
			try (AutoCloseable held = input) {
				execute(id, kind, work);
			}
			catch (Exception ex) {
				log.warn("The input of job {} could not be deleted: {}", id, ex.toString());
			}
		});
		return get(id);
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
			finish(id, "failed", null, ex.code(), ex.getMessage());
		}
		catch (RuntimeException | Error ex) {
			outcome = "failed";
			log.error("Job {} ({}) failed", id, kind, ex);
			finish(id, "failed", null, "internal_error",
					"The job failed unexpectedly (" + ex.getClass().getSimpleName() + "); nothing of it was applied");
		}
		finally {
			this.running.decrementAndGet();
			this.mine.remove(id);
			this.progressByKind.put(kind, 0.0);
			sample.stop(Timer.builder("pinwarden.jobs")
				.description("Jobs, by kind and outcome, from their start to their end")
				.tag("kind", kind)
				.tag("outcome", outcome)
				.register(this.meters));
		}
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
		Job job = get(id);
		if (job.finished()) {
			throw new JobFinishedException(id, job.state());
		}
		this.ownTransaction.executeWithoutResult((status) -> this.jdbc.sql("""
				update job set cancel_requested = true,
				  finished_at = case when state = 'queued' then :now else finished_at end,
				  state = case when state = 'queued' then 'cancelled' else state end
				where id = :id and finished_at is null""")
			.param("now", Timestamp.from(this.clock.instant()))
			.param("id", id)
			.update());
		return get(id);
	}

	/** This node's jobs keep their lease while it runs them. */
	@Scheduled(fixedDelayString = "${pinwarden.jobs.lease-renewal:15s}")
	public void renewLeases() {
		this.jdbc.sql("update job set lease_until = :until where node = :node and finished_at is null")
			.param("until", Timestamp.from(this.clock.instant().plus(this.lease)))
			.param("node", this.node)
			.update();
	}

	/**
	 * Jobs of other nodes whose lease ran out are failed: their node stopped, and its
	 * transaction, and with it the job's locks, ended with it.
	 */
	@Scheduled(fixedDelayString = "${pinwarden.jobs.lease-renewal:15s}", initialDelayString = "PT5S")
	public int failAbandoned() {
		return this.jdbc.sql("""
				update job set state = 'failed', finished_at = :now, error_code = 'node_stopped',
				  error_message = 'the node running it stopped before it ended; nothing of it was applied'
				where finished_at is null and lease_until < :now and node <> :node""")
			.param("now", Timestamp.from(this.clock.instant()))
			.param("node", this.node)
			.update();
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
		this.workers.shutdownNow();
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
			Jobs.this.progressByKind.put(this.kind,
					(this.total != null && this.total > 0) ? Math.min(1.0, (double) this.done / this.total) : 0.0);
			Boolean cancel = Jobs.this.ownTransaction.execute((status) -> {
				Jobs.this.jdbc.sql("""
						update job set phase = :phase, phase_started_at = :phaseStarted, done = :done, total = :total
						where id = :id""")
					.param("phase", this.phase)
					.param("phaseStarted", (this.phaseStartedAt != null) ? Timestamp.from(this.phaseStartedAt) : null)
					.param("done", this.done)
					.param("total", this.total)
					.param("id", this.id)
					.update();
				// a job whose row was deleted has nobody to report to: it stops too
				return Jobs.this.jdbc.sql("select cancel_requested from job where id = :id")
					.param("id", this.id)
					.query(Boolean.class)
					.optional()
					.orElse(true);
			});
			this.cancelRequested = Boolean.TRUE.equals(cancel);
		}

	}

}
