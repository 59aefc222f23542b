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
