package dev.pinwarden.sync;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import dev.pinwarden.Audited;
import dev.pinwarden.user.SyncedUsers.LineError;
import dev.pinwarden.jdbc.Rows;

/**
 * The record of every sync. Written in transactions of their own, so that a run that
 * fails and rolls back is still on the record.
 */
@Repository
class SyncRuns {

	private final JdbcClient jdbc;

	private final JdbcTemplate jdbcTemplate;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	SyncRuns(JdbcClient jdbc, JdbcTemplate jdbcTemplate, ApplicationEventPublisher events, Clock clock) {
		this.clock = clock;
		this.events = events;
		this.jdbc = jdbc;
		this.jdbcTemplate = jdbcTemplate;
	}

	@Transactional(propagation = Propagation.REQUIRES_NEW)
	long start(String source) {
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		this.jdbc.sql("insert into sync_run (source, status, started_at) values (:source, 'running', :now)")
			.param("source", source)
			.param("now", Timestamp.from(this.clock.instant()))
			.update(keys, "id");
		return keys.getKey().longValue();
	}

	@Transactional(propagation = Propagation.REQUIRES_NEW)
	void succeeded(SyncReport report) {
		this.jdbc.sql("""
				update sync_run set status = 'succeeded', finished_at = :now, created = :created, updated = :updated,
				  deactivated = :deactivated, pins_generated = :pins, skipped_without_email = :skipped,
				  kept_deactivated = :kept, renamed = :renamed, error_count = :errors where id = :id""")
			.param("kept", report.keptDeactivated())
			.param("renamed", report.renamed())
			.param("now", Timestamp.from(this.clock.instant()))
			.param("created", report.created())
			.param("updated", report.updated())
			.param("deactivated", report.deactivated())
			.param("pins", report.pinsGenerated())
			.param("skipped", report.skippedWithoutEmail())
			.param("errors", report.errorCount())
			.param("id", report.runId())
			.update();
		this.events.publishEvent(Audited.of("sync.finished", "sync run " + report.runId(),
				report.created() + " created, " + report.updated() + " updated (" + report.renamed() + " renamed), "
						+ report.deactivated() + " deactivated, " + report.pinsGenerated() + " PINs generated, "
						+ report.errorCount() + " errors"));
		this.jdbcTemplate.batchUpdate("insert into sync_run_error (run_id, line, message) values (?, ?, ?)",
				report.errors()
					.stream()
					.map((error) -> new Object[] { report.runId(), error.line(), truncate(error.message()) })
					.toList());
	}

	/** A run that did not happen (another one of its source was running). */
	@Transactional(propagation = Propagation.REQUIRES_NEW)
	void discard(long runId) {
		this.jdbc.sql("delete from sync_run where id = :id").param("id", runId).update();
	}

	/**
	 * Runs of the source still "running" besides this one, while this one holds the
	 * source's lock: their node stopped before it could record how they ended.
	 */
	@Transactional(propagation = Propagation.REQUIRES_NEW)
	void abandonOthers(String source, long runId) {
		int abandoned = this.jdbc.sql("""
				update sync_run set status = 'abandoned', finished_at = :now,
				  message = 'the node running it stopped before the run ended; nothing of it was applied'
				where source = :source and status = 'running' and id <> :id""")
			.param("now", Timestamp.from(this.clock.instant()))
			.param("source", source)
			.param("id", runId)
			.update();
		if (abandoned > 0) {
			this.events.publishEvent(Audited.of("sync.abandoned", "source " + source, abandoned + " runs"));
		}
	}

	@Transactional(propagation = Propagation.REQUIRES_NEW)
	void failed(long runId, String message) {
		this.events.publishEvent(Audited.of("sync.failed", "sync run " + runId, truncate(message)));
		this.jdbc.sql("update sync_run set status = 'failed', finished_at = :now, message = :message where id = :id")
			.param("now", Timestamp.from(this.clock.instant()))
			.param("message", truncate(message))
			.param("id", runId)
			.update();
	}

	@Transactional(readOnly = true)
	List<SyncRun> list(long offset, int limit) {
		List<SyncRun> runs = this.jdbc
			.sql("select * from sync_run order by id desc offset :offset rows fetch first :limit rows only")
			.param("offset", offset)
			.param("limit", limit)
			.query(SyncRuns::run)
			.list();
		return runs.stream().map((run) -> run.withErrors(errors(run.id()))).toList();
	}

	private List<LineError> errors(long runId) {
		return this.jdbc.sql("select line, message from sync_run_error where run_id = :id order by line")
			.param("id", runId)
			.query((rs, row) -> new LineError(rs.getLong(1), rs.getString(2)))
			.list();
	}

	private static SyncRun run(ResultSet rs, int row) throws SQLException {
		return new SyncRun(rs.getLong("id"), rs.getString("source"), rs.getString("status"),
				Rows.instant(rs, "started_at"), Rows.instant(rs, "finished_at"), rs.getInt("created"),
				rs.getInt("updated"), rs.getInt("deactivated"), rs.getInt("pins_generated"),
				rs.getInt("skipped_without_email"), rs.getInt("kept_deactivated"), rs.getInt("renamed"),
				rs.getInt("error_count"), rs.getString("message"), List.of());
	}

	private static String truncate(String text) {
		return (text == null || text.length() <= 500) ? text : text.substring(0, 500);
	}

	/** A past or running sync, as listed by the API. */
	record SyncRun(long id, String source, String status, Instant startedAt, Instant finishedAt, int created,
			int updated, int deactivated, int pinsGenerated, int skippedWithoutEmail, int keptDeactivated, int renamed,
			int errorCount, String message, List<LineError> errors) {

		SyncRun withErrors(List<LineError> errors) {
			return new SyncRun(this.id, this.source, this.status, this.startedAt, this.finishedAt, this.created,
					this.updated, this.deactivated, this.pinsGenerated, this.skippedWithoutEmail, this.keptDeactivated,
					this.renamed, this.errorCount, this.message, errors);
		}

	}

}
