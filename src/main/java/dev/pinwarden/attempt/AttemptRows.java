package dev.pinwarden.attempt;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import dev.pinwarden.jdbc.Rows;

/** The rows of {@code attempt_limit}: read under a lock, written back, forgotten. */
@Repository
class AttemptRows {

	private final JdbcClient jdbc;

	private final TransactionTemplate savepoint;

	AttemptRows(JdbcClient jdbc, PlatformTransactionManager transactions) {
		this.jdbc = jdbc;
		this.savepoint = new TransactionTemplate(transactions);
		this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
	}

	/** Locks the rows of these keys in the order of their keys (no deadlock). */
	Map<String, AttemptState> lock(List<Limit> limits, Instant now) {
		Map<String, AttemptState> states = new HashMap<>();
		limits.stream().map(Limit::key).distinct().sorted().forEach((key) -> states.put(key, lockRow(key, now)));
		return states;
	}

	private AttemptState lockRow(String key, Instant now) {
		for (int attempt = 0; attempt < 2; attempt++) {
			Optional<AttemptState> state = this.jdbc
				.sql("""
						select window_start, failures, pending, reserved_at, blocked_until, lockouts, day_start, day_failures
						from attempt_limit where limit_key = :key for update""")
				.param("key", key)
				.query((rs, row) -> new AttemptState(Rows.instant(rs, 1), rs.getInt(2), rs.getInt(3),
						Rows.instant(rs, 4), Rows.instant(rs, 5), rs.getInt(6), Rows.instant(rs, 7), rs.getInt(8)))
				.optional();
			if (state.isPresent()) {
				return state.get();
			}
			try {
				// in a savepoint: on PostgreSQL a failed insert would spoil the
				// transaction
				AttemptState fresh = AttemptState.fresh(now);
				this.savepoint.executeWithoutResult((status) -> this.jdbc.sql("""
						insert into attempt_limit (limit_key, window_start, failures, pending, lockouts, day_start,
						  day_failures, forget_at)
						values (:key, :now, 0, 0, 0, :now, 0, :now)""")
					.param("key", key)
					.param("now", Timestamp.from(now))
					.update());
				return fresh;
			}
			catch (DuplicateKeyException ex) {
				// another node inserted it at the same moment: lock theirs
			}
		}
		throw new IllegalStateException("the attempt_limit row of a key could not be locked");
	}

	void write(Limit limit, AttemptState state) {
		Instant forgetAt = latest(state.windowStart().plus(limit.window()),
				(limit.dailyBudget() > 0) ? state.dayStart().plus(AttemptState.DAY) : null,
				(state.blockedUntil() != null) ? state.blockedUntil().plus(Limit.LONGEST_LOCK) : null);
		this.jdbc.sql("""
				update attempt_limit set window_start = :windowStart, failures = :failures, pending = :pending,
				  reserved_at = :reservedAt, blocked_until = :blockedUntil, lockouts = :lockouts, day_start = :dayStart,
				  day_failures = :dayFailures, forget_at = :forgetAt
				where limit_key = :key""")
			.param("reservedAt", (state.reservedAt() != null) ? Timestamp.from(state.reservedAt()) : null)
			.param("dayStart", Timestamp.from(state.dayStart()))
			.param("dayFailures", state.dayFailures())
			.param("windowStart", Timestamp.from(state.windowStart()))
			.param("failures", state.failures())
			.param("pending", state.pending())
			.param("blockedUntil", (state.blockedUntil() != null) ? Timestamp.from(state.blockedUntil()) : null)
			.param("lockouts", state.lockouts())
			.param("forgetAt", Timestamp.from(forgetAt))
			.param("key", limit.key())
			.update();
	}

	private static Instant latest(Instant... instants) {
		Instant latest = null;
		for (Instant instant : instants) {
			if (instant != null && (latest == null || instant.isAfter(latest))) {
				latest = instant;
			}
		}
		return latest;
	}

	/**
	 * Deletes the row of {@code key} and of every key that starts with {@code key + ":"}.
	 */
	boolean delete(String key) {
		// keys are made of letters, digits, '-' and ':', none of them a LIKE wildcard
		return this.jdbc.sql("delete from attempt_limit where limit_key = :key or limit_key like :prefix")
			.param("key", key)
			.param("prefix", key + ":%")
			.update() > 0;
	}

	int forgetBefore(Instant now) {
		return this.jdbc
			.sql("delete from attempt_limit where forget_at < :now and (pending = 0 or reserved_at < :stale)")
			.param("now", Timestamp.from(now))
			.param("stale", Timestamp.from(now.minus(AttemptState.STALE)))
			.update();
	}

}
