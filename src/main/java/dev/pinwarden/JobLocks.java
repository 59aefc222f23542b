package dev.pinwarden;

import java.sql.SQLException;

import org.springframework.dao.DataAccessException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Named locks for work that must not run twice at once, on this node or another: rows of
 * {@code job_lock} locked with {@code SELECT ... FOR UPDATE} and held until the caller's
 * transaction ends. The database is the only coordination the nodes need.
 * <p>
 * <b>Lock order.</b> Every transaction takes its locks in this order, so that no two wait
 * for each other:
 * <ol>
 * <li>a run's own lock ({@code sync-<source>}, {@code regeneration}), only ever tried
 * ({@link #tryLock}), never waited for;</li>
 * <li>the rows of the users it changes ({@code app_user}: by an update, an insert, or
 * {@code UserService.lock} before a read that the change depends on);</li>
 * <li>the {@code pin-writes} lock, by every write of a PIN;</li>
 * <li>the rows that belong to a user: its PIN, reset code, PIN letter, queued mail.</li>
 * </ol>
 * No user's row is locked after {@code pin-writes}: a sync writes all of its users before
 * it sets their PINs, and a user's delete holds the user's row before it takes
 * {@code pin-writes}. A PIN's insert checks its user's row for the foreign key, which on
 * PostgreSQL takes a key-share lock: user rows are locked {@code FOR NO KEY UPDATE}
 * there, which leaves that check free, so that a regeneration holding {@code pin-writes}
 * never waits for a user's row.
 */
@Component
public class JobLocks {

	private final JdbcClient jdbc;

	JobLocks(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Waits for the lock, then holds it until the current transaction ends. */
	public void lock(String name) {
		this.jdbc.sql("select name from job_lock where name = :name for update")
			.param("name", name)
			.query(String.class)
			.single();
	}

	/** Takes the lock if it is free now; false when another transaction holds it. */
	public boolean tryLock(String name) {
		try {
			this.jdbc.sql("select name from job_lock where name = :name for update nowait")
				.param("name", name)
				.query(String.class)
				.single();
			return true;
		}
		catch (DataAccessException ex) {
			if (isLockNotAvailable(ex)) {
				return false;
			}
			throw ex;
		}
	}

	/**
	 * Spring translates "lock not available" differently per database: PostgreSQL's
	 * SQLSTATE 55P03 stays uncategorised, H2 reports its lock timeout (HYT00) as a query
	 * timeout.
	 */
	private static boolean isLockNotAvailable(DataAccessException ex) {
		if (ex instanceof PessimisticLockingFailureException) {
			return true;
		}
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof SQLException sql
					&& ("55P03".equals(sql.getSQLState()) || "HYT00".equals(sql.getSQLState()))) {
				return true;
			}
		}
		return false;
	}

}
