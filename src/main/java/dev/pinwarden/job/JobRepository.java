package dev.pinwarden.job;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import dev.pinwarden.jdbc.Rows;

/**
 * The {@code job} table. Every write but {@link #markCommitting} runs in a transaction of
 * its own, never in the work's, which stays open until the work commits: so that every
 * node sees a job's progress while it runs, and a rolled back work leaves its job's
 * record.
 */
@Repository
class JobRepository {

	private final JdbcClient jdbc;

	private final TransactionTemplate own;

	private final JsonMapper json;

	JobRepository(JdbcClient jdbc, PlatformTransactionManager transactions, JsonMapper json) {
		this.jdbc = jdbc;
		this.own = new TransactionTemplate(transactions);
		this.own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.json = json;
	}

	long insert(String kind, String node, Instant leaseUntil, Instant now) {
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		this.own.executeWithoutResult((status) -> this.jdbc.sql("""
				insert into job (kind, state, done, node, lease_until, cancel_requested, committing, created_at)
				values (:kind, 'queued', 0, :node, :lease, false, false, :now)""")
			.param("kind", kind)
			.param("node", node)
			.param("lease", Timestamp.from(leaseUntil))
			.param("now", Timestamp.from(now))
			.update(keys, "id"));
		return keys.getKey().longValue();
	}

	/** A queued job begins, unless it was cancelled while it waited. */
	boolean begin(long id, Instant now) {
		Integer rows = this.own.execute((status) -> this.jdbc
			.sql("update job set state = 'running', started_at = :now where id = :id and state = 'queued'")
			.param("now", Timestamp.from(now))
			.param("id", id)
			.update());
		return rows != null && rows == 1;
	}

	/** The job's end, unless it has one already (another node failed it). */
	void finish(long id, String state, String result, Job.Error error, Instant now) {
		String message = (error != null) ? error.message() : null;
		this.own.executeWithoutResult((status) -> this.jdbc.sql("""
				update job set state = :state, finished_at = :now, result = :result, error_code = :code,
				  error_message = :message where id = :id and finished_at is null""")
			.param("state", state)
			.param("now", Timestamp.from(now))
			.param("result", result)
			.param("code", (error != null) ? error.code() : null)
			.param("message", (message != null && message.length() > 1000) ? message.substring(0, 1000) : message)
			.param("id", id)
			.update());
	}

	/** Whether the job's work reached its commit point (and may have been applied). */
	boolean committing(long id) {
		return Boolean.TRUE
			.equals(this.own.execute((status) -> this.jdbc.sql("select committing from job where id = :id")
				.param("id", id)
				.query(Boolean.class)
				.optional()
				.orElse(false)));
	}

	/**
	 * Writes a running job's progress and extends its lease; true when it must stop:
	 * asked to, failed by another node (its lease ran out), or deleted.
	 */
	boolean writeProgress(long id, String phase, Instant phaseStartedAt, long done, Long total, Instant leaseUntil) {
		return Boolean.TRUE.equals(this.own.execute((status) -> {
			this.jdbc.sql("""
					update job set phase = :phase, phase_started_at = :phaseStarted, done = :done, total = :total,
					  lease_until = :lease
					where id = :id""")
				.param("phase", phase)
				.param("phaseStarted", (phaseStartedAt != null) ? Timestamp.from(phaseStartedAt) : null)
				.param("done", done)
				.param("total", total)
				.param("lease", Timestamp.from(leaseUntil))
				.param("id", id)
				.update();
			return this.jdbc.sql("select cancel_requested, state from job where id = :id")
				.param("id", id)
				.query((rs, row) -> rs.getBoolean("cancel_requested") || !"running".equals(rs.getString("state")))
				.optional()
				.orElse(true);
		}));
	}

	/**
	 * The commit point, in the work's own transaction: marks the job committing unless it
	 * was cancelled or failed meanwhile; false then. The row stays locked until the work
	 * commits, so that a cancel or another node's check waits and then finds it
	 * committing.
	 */
	boolean markCommitting(long id, Instant leaseUntil) {
		return this.jdbc.sql("""
				update job set committing = true, lease_until = :lease
				where id = :id and state = 'running' and cancel_requested = false""")
			.param("lease", Timestamp.from(leaseUntil))
			.param("id", id)
			.update() == 1;
	}

	/**
	 * Asks a job to stop: a queued one is cancelled at once. False when it has ended or
	 * is committing (after waiting for that commit).
	 */
	boolean requestCancel(long id, Instant now) {
		Integer rows = this.own.execute((status) -> this.jdbc.sql("""
				update job set cancel_requested = true,
				  finished_at = case when state = 'queued' then :now else finished_at end,
				  state = case when state = 'queued' then 'cancelled' else state end
				where id = :id and finished_at is null and committing = false""")
			.param("now", Timestamp.from(now))
			.param("id", id)
			.update());
		return rows != null && rows == 1;
	}

	void renew(List<Long> ids, Instant leaseUntil) {
		this.jdbc.sql("update job set lease_until = :until where id in (:ids) and finished_at is null")
			.param("until", Timestamp.from(leaseUntil))
			.param("ids", ids)
			.update();
	}

	/**
	 * Fails the jobs of other nodes whose lease ran out, saying whether their work may
	 * have been applied; how many.
	 */
	int failAbandoned(String node, Instant now) {
		int before = this.jdbc.sql("""
				update job set state = 'failed', finished_at = :now, error_code = 'node_stopped',
				  error_message = 'the node running it stopped before it ended; nothing of it was applied'
				where finished_at is null and lease_until < :now and committing = false and node <> :node""")
			.param("now", Timestamp.from(now))
			.param("node", node)
			.update();
		int after = this.jdbc
			.sql("""
					update job set state = 'failed', finished_at = :now, error_code = 'node_stopped',
					  error_message = 'the node running it stopped after its work was applied, before it recorded the result: see the sync runs and the audit log'
					where finished_at is null and lease_until < :now and committing = true and node <> :node""")
			.param("now", Timestamp.from(now))
			.param("node", node)
			.update();
		return before + after;
	}

	int deleteEndedBefore(Instant before) {
		return this.jdbc.sql("delete from job where finished_at < :before")
			.param("before", Timestamp.from(before))
			.update();
	}

	Optional<Job> find(long id) {
		return this.jdbc.sql("select * from job where id = :id").param("id", id).query(this::job).optional();
	}

	/** The newest jobs, of one state or of all; at most 100. */
	List<Job> newest(String state) {
		return this.jdbc
			.sql("select * from job" + ((state != null) ? " where state = :state" : "")
					+ " order by id desc fetch first 100 rows only")
			.param("state", state)
			.query(this::job)
			.list();
	}

	List<Job> unfinished() {
		return this.jdbc.sql("select * from job where finished_at is null order by id").query(this::job).list();
	}

	private Job job(ResultSet rs, int row) throws SQLException {
		String result = rs.getString("result");
		String errorCode = rs.getString("error_code");
		return new Job(rs.getLong("id"), rs.getString("kind"), rs.getString("state"), rs.getString("phase"),
				rs.getLong("done"), rs.getObject("total", Long.class), Rows.instant(rs, "phase_started_at"),
				rs.getBoolean("cancel_requested"), Rows.instant(rs, "created_at"), Rows.instant(rs, "started_at"),
				Rows.instant(rs, "finished_at"), (result != null) ? this.json.readTree(result) : null,
				(errorCode != null) ? new Job.Error(errorCode, rs.getString("error_message")) : null);
	}

}
