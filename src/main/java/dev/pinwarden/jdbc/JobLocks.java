package dev.pinwarden.jdbc;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Named locks for work that must not run twice at once, on this node or another: rows of
 * {@code job_lock} locked with {@code SELECT ... FOR UPDATE} and held until the caller's
 * transaction ends. The database is the only coordination the nodes need.
 * <p>
 * A lock may have several <em>shares</em> (rows {@code name}, {@code name/2}, ...): a
 * writer that takes one share ({@link #lockShared}) runs beside other such writers, and
 * {@link #lock} takes every share, so that it runs alone. {@code pin-writes} is such a
 * lock: PIN writes of one user and a sync's batches take a share, and rely on the unique
 * indexes of the PIN tables against each other; a regeneration and a new temporary PIN
 * (unique across two tables, which no index can keep) take all of them.
 * <p>
 * <b>Lock order.</b> Every transaction takes its locks in this order, so that no two wait
 * for each other:
 * <ol>
 * <li>a run's own lock ({@code sync-<source>}, {@code pin-regeneration}), only ever tried
 * ({@link #tryLock}), never waited for;</li>
 * <li>the rows of the users it changes ({@code app_user}: by an update, an insert, or
 * {@code UserService.lock} before a read that the change depends on);</li>
 * <li>{@code pin-bulk-writes}, by writers of many PINs at once (a sync's PINs): two such
 * writers would meet on each other's uncommitted PINs, by the thousand;</li>
 * <li>{@code pin-writes}, one share or all of them, by every write of a PIN;</li>
 * <li>the rows that belong to a user: its PIN, reset code, PIN letter, queued mail.</li>
 * </ol>
 * No user's row is locked after {@code pin-writes}: a sync writes all of its users before
 * it sets their PINs, and a user's delete holds the user's row before it takes
 * {@code pin-writes}. A PIN's insert checks its user's row for the foreign key, which on
 * PostgreSQL takes a key-share lock: user rows are locked {@code FOR NO KEY UPDATE}
 * there, which leaves that check free, so that a regeneration holding {@code pin-writes}
 * never waits for a user's row. A write of one user's PIN waits at most a moment for any
 * of these ({@link #waitingAtMost}), and so gives way to a sync it would otherwise wait
 * for, or deadlock with, when both meet on a PIN.
 */
@Component
public class JobLocks {

	private final JdbcClient jdbc;

	private final BulkInsert database;

	private final Map<String, List<String>> shares = new ConcurrentHashMap<>();

	JobLocks(JdbcClient jdbc, BulkInsert database) {
		this.jdbc = jdbc;
		this.database = database;
	}

	/**
	 * Waits for the lock, every share of it, then holds it until the current transaction
	 * ends.
	 */
	public void lock(String name) {
		sharesOf(name).forEach(this::lockRow);
	}

	/**
	 * Takes one share of the lock, the first that no other transaction holds, or waits
	 * for the last one when all are held; holds it until the current transaction ends.
	 */
	public void lockShared(String name) {
		List<String> shares = sharesOf(name);
		for (String share : shares) {
			if (tryLock(share)) {
				return;
			}
		}
		// takers of every share take them first to last: the last is held by no writer
		// of one share that came long before
		lockRow(shares.get(shares.size() - 1));
	}

	/**
	 * Takes the lock if it is free now; false when another transaction holds it. A lock
	 * held is skipped, not refused with an error, which on PostgreSQL would end the
	 * transaction: the caller goes on in it.
	 */
	public boolean tryLock(String name) {
		return !this.jdbc.sql("select name from job_lock where name = :name for update skip locked")
			.param("name", name)
			.query(String.class)
			.list()
			.isEmpty();
	}

	/**
	 * Runs the work with each lock wait of the current transaction limited to this long
	 * (a row, a named lock, another transaction's uncommitted row of the same key). A
	 * wait that runs out fails its statement with what {@link #isLockNotAvailable}
	 * recognises, and the work, when it lets that through, with a
	 * {@link PessimisticLockingFailureException}.
	 */
	public <T> T waitingAtMost(Duration limit, Supplier<T> work) {
		String previous = lockTimeout();
		setLockTimeout(this.database.isPostgres() ? limit.toMillis() + "ms" : String.valueOf(limit.toMillis()));
		T result;
		try {
			result = work.get();
		}
		catch (RuntimeException ex) {
			try {
				setLockTimeout(previous);
			}
			catch (DataAccessException restore) {
				// PostgreSQL refuses statements in a failed transaction, which resets the
				// setting itself as it rolls back
				ex.addSuppressed(restore);
			}
			if (ex instanceof DataAccessException access && isLockNotAvailable(access)
					&& !(ex instanceof PessimisticLockingFailureException)) {
				// what PostgreSQL leaves uncategorised, said as what it is
				throw new CannotAcquireLockException("A lock wait ran out", access);
			}
			throw ex;
		}
		setLockTimeout(previous);
		return result;
	}

	/**
	 * Whether the failure is a lock wait that was refused or ran out. Spring translates
	 * it differently per database: PostgreSQL's SQLSTATE 55P03 stays uncategorised, H2
	 * reports its lock timeout (HYT00) as a query timeout.
	 */
	public static boolean isLockNotAvailable(DataAccessException ex) {
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

	private void lockRow(String name) {
		this.jdbc.sql("select name from job_lock where name = :name for update")
			.param("name", name)
			.query(String.class)
			.single();
	}

	private List<String> sharesOf(String name) {
		return this.shares.computeIfAbsent(name, (key) -> {
			List<String> rows = this.jdbc
				.sql("select name from job_lock where name = :name or name like :shares order by name")
				.param("name", key)
				.param("shares", key + "/%")
				.query(String.class)
				.list();
			if (rows.isEmpty()) {
				throw new IllegalArgumentException("No lock named " + key);
			}
			return rows;
		});
	}

	private String lockTimeout() {
		return this.database.isPostgres()
				? this.jdbc.sql("select current_setting('lock_timeout')").query(String.class).single()
				: this.jdbc.sql("select lock_timeout()").query(String.class).single();
	}

	private void setLockTimeout(String value) {
		if (this.database.isPostgres()) {
			this.jdbc.sql("select set_config('lock_timeout', :value, true)")
				.param("value", value)
				.query(String.class)
				.single();
		}
		else {
			this.jdbc.sql("set lock_timeout " + Integer.parseInt(value)).update();
		}
	}

}
