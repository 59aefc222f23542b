package dev.pinwarden.attempt;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import dev.pinwarden.Audited;

/**
 * The one guard of everything that checks a guessable secret. Each key has a budget of
 * wrong attempts per window ({@link Limit}); the attempt that spends it locks the key,
 * and a lock ends only by its time or by an administrator ({@link #unlock}). The counts
 * live in {@code attempt_limit}, so that every node counts the same attempts.
 * <p>
 * A budget holds whatever the concurrency, in one of two ways:
 * <ul>
 * <li>{@link #reserve}: an attempt takes a slot of the budget in the database before its
 * secret is checked, and gives it back if the secret was right. At most the budget is
 * being checked or wrong at any moment, on any number of nodes. For logins and codes,
 * where a check costs far more than the two short transactions.</li>
 * <li>{@link #turn} with {@link #countFailure}: the checks of one key take turns on this
 * node, and a wrong one is counted, atomically in the database, before it is answered;
 * when the budget was spent meanwhile (on another node) it is refused instead. For
 * terminals (one device: taking turns costs it nothing), whose right PINs then cost no
 * write. Wrong attempts stay within the budget on any number of nodes; on several nodes,
 * one check per other node may still be under way when the budget runs out.</li>
 * </ul>
 */
@Service
public class AttemptLimiter {

	private static final Logger log = LoggerFactory.getLogger(AttemptLimiter.class);

	/** How long a check waits for its turn before it is refused as too many at once. */
	private static final Duration TURN_TIMEOUT = Duration.ofSeconds(5);

	/**
	 * How long a reservation waits for attempts still being checked to settle, and the
	 * wait to suggest when they did not.
	 */
	private static final Duration IN_FLIGHT_WAIT = Duration.ofSeconds(2);

	// many, so that the few keys being checked at any moment rarely share one
	private static final int TURNS = 4096;

	private final JdbcClient jdbc;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate ownTransaction;

	private final TransactionTemplate savepoint;

	// striped, so that made-up keys cannot make the map grow; two keys sharing a stripe
	// only take turns with each other
	private final ReentrantLock[] turns = new ReentrantLock[TURNS];

	AttemptLimiter(JdbcClient jdbc, Clock clock, ApplicationEventPublisher events,
			PlatformTransactionManager transactions) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.events = events;
		this.ownTransaction = new TransactionTemplate(transactions);
		this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.savepoint = new TransactionTemplate(transactions);
		this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
		for (int i = 0; i < TURNS; i++) {
			this.turns[i] = new ReentrantLock();
		}
	}

	/**
	 * A key for a name or an address: hashed, so that any length fits and the table holds
	 * no user names or addresses in clear.
	 */
	public static String hashedKey(String kind, String value) {
		try {
			byte[] hash = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
			return kind + ":" + HexFormat.of().formatHex(hash);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Reserves one attempt under every limit, all or none, before the secret is checked.
	 * While the budget is taken by attempts still being checked, waits a moment for one
	 * of them to settle: right logins that come at once (a script's parallel requests)
	 * queue for a few milliseconds instead of being refused.
	 * @throws AttemptsExhaustedException when a key is locked, or its budget stays taken
	 */
	public Attempt reserve(List<Limit> limits) {
		long deadline = System.nanoTime() + IN_FLIGHT_WAIT.toNanos();
		while (true) {
			Instant now = now();
			Reservation reservation = this.ownTransaction.execute((status) -> tryReserve(limits, now));
			if (reservation.windows() != null) {
				return new Attempt(this, limits, reservation.windows());
			}
			if (reservation.lockedFor() != null || System.nanoTime() > deadline) {
				throw new AttemptsExhaustedException(
						(reservation.lockedFor() != null) ? reservation.lockedFor() : IN_FLIGHT_WAIT);
			}
			pause();
		}
	}

	private Reservation tryReserve(List<Limit> limits, Instant now) {
		Map<String, AttemptState> states = lock(limits, now);
		List<AttemptState> admitted = new ArrayList<>();
		Duration lockedFor = null;
		boolean full = false;
		for (Limit limit : limits) {
			AttemptState state = states.get(limit.key()).at(limit, now);
			Optional<Duration> locked = state.lockedFor(now);
			if (locked.isPresent()) {
				lockedFor = (lockedFor == null || locked.get().compareTo(lockedFor) > 0) ? locked.get() : lockedFor;
			}
			else if (!state.admits(limit, now)) {
				full = true;
			}
			admitted.add(state.reserved());
		}
		if (lockedFor != null || full) {
			return new Reservation(null, lockedFor);
		}
		List<Instant> windows = new ArrayList<>();
		for (int i = 0; i < limits.size(); i++) {
			write(limits.get(i), admitted.get(i));
			windows.add(admitted.get(i).windowStart());
		}
		return new Reservation(windows, null);
	}

	/** The windows of the reserved attempts, or why there are none. */
	private record Reservation(List<Instant> windows, Duration lockedFor) {
	}

	private static void pause() {
		try {
			Thread.sleep(20);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AttemptsExhaustedException(IN_FLIGHT_WAIT);
		}
	}

	/** Settles what {@link #reserve} reserved: see {@link Attempt}. */
	void settle(List<Limit> limits, List<Instant> windows, boolean wrong) {
		Instant now = now();
		this.ownTransaction.executeWithoutResult((status) -> {
			Map<String, AttemptState> states = lock(limits, now);
			for (int i = 0; i < limits.size(); i++) {
				Limit limit = limits.get(i);
				AttemptState before = states.get(limit.key());
				AttemptState after = before.settled(limit, windows.get(i), wrong, now);
				write(limit, after);
				states.put(limit.key(), after);
				announceLock(limit, before, after);
			}
		});
	}

	/**
	 * This node's turn at checking a secret under {@code key}: the checks of one key run
	 * one after the other here. Waits a few seconds at most.
	 * @throws AttemptsExhaustedException when the turn does not come in time
	 */
	public Turn turn(String key) {
		ReentrantLock lock = this.turns[Math.floorMod(key.hashCode(), TURNS)];
		try {
			if (!lock.tryLock(TURN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
				throw new AttemptsExhaustedException(IN_FLIGHT_WAIT);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AttemptsExhaustedException(IN_FLIGHT_WAIT);
		}
		return lock::unlock;
	}

	/**
	 * Refuses a check while its key is locked. For a caller that read the end of the lock
	 * ({@code attempt_limit.blocked_until}, {@code null} for none) in its own query,
	 * during its {@link #turn}.
	 */
	public void refuseWhileLocked(Instant blockedUntil) {
		Optional<Duration> wait = AttemptState.lockedFor(blockedUntil, now());
		if (wait.isPresent()) {
			throw new AttemptsExhaustedException(wait.get());
		}
	}

	/**
	 * Counts a wrong attempt, during the key's {@link #turn}, before the caller answers
	 * it. In a transaction of its own, so that the count stands though the request fails.
	 * @throws AttemptsExhaustedException when the key was locked or its budget spent in
	 * the meantime (on another node): the attempt must then be refused as too many, not
	 * answered as wrong
	 */
	public void countFailure(Limit limit) {
		Instant now = now();
		this.ownTransaction.executeWithoutResult((status) -> {
			AttemptState before = lock(List.of(limit), now).get(limit.key()).at(limit, now);
			if (!before.admits(limit, now)) {
				throw new AttemptsExhaustedException(before.lockedFor(now).orElse(IN_FLIGHT_WAIT));
			}
			AttemptState after = before.failed(limit, now);
			write(limit, after);
			announceLock(limit, before, after);
		});
	}

	/** When the key's lock ends, if it is locked now. */
	public Optional<Instant> lockedUntil(String key) {
		Instant now = now();
		return this.jdbc.sql("select blocked_until from attempt_limit where limit_key = :key and blocked_until > :now")
			.param("key", key)
			.param("now", Timestamp.from(now))
			.query((rs, row) -> rs.getObject(1, OffsetDateTime.class).toInstant())
			.optional();
	}

	/**
	 * An administrator ends the lock and forgets the failures of every key that is
	 * {@code key} or starts with {@code key + ":"}; true if there was any.
	 */
	public boolean unlock(String key) {
		// keys are made of letters, digits, '-' and ':', none of them a LIKE wildcard
		return this.jdbc.sql("delete from attempt_limit where limit_key = :key or limit_key like :prefix")
			.param("key", key)
			.param("prefix", key + ":%")
			.update() > 0;
	}

	/** Rows that say nothing any more: their window is over and their lock a day gone. */
	@Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT1M")
	void forgetOldRows() {
		int deleted = this.jdbc.sql("delete from attempt_limit where forget_at < :now and pending = 0")
			.param("now", Timestamp.from(now()))
			.update();
		if (deleted > 0) {
			log.debug("Forgot {} attempt counts that had run out", deleted);
		}
	}

	private Instant now() {
		// stored and compared again (the window a reservation belongs to): at a precision
		// every database keeps
		return this.clock.instant().truncatedTo(ChronoUnit.MILLIS);
	}

	private void announceLock(Limit limit, AttemptState before, AttemptState after) {
		if (after.lockedSince(before)) {
			log.warn("{} locked until {} after {} wrong attempts (lock number {})", limit.subject(),
					after.blockedUntil(), limit.budget(), after.lockouts());
			this.events.publishEvent(Audited.of("attempts.locked", limit.subject(), "until " + after.blockedUntil()
					+ " after " + limit.budget() + " wrong attempts (lock number " + after.lockouts() + ")"));
		}
	}

	/** Locks the rows of these keys in the order of their keys (no deadlock). */
	private Map<String, AttemptState> lock(List<Limit> limits, Instant now) {
		Map<String, AttemptState> states = new HashMap<>();
		limits.stream().map(Limit::key).distinct().sorted().forEach((key) -> states.put(key, lockRow(key, now)));
		return states;
	}

	private AttemptState lockRow(String key, Instant now) {
		for (int attempt = 0; attempt < 2; attempt++) {
			Optional<AttemptState> state = this.jdbc.sql("""
					select window_start, failures, pending, blocked_until, lockouts, day_start, day_failures
					from attempt_limit where limit_key = :key for update""").param("key", key).query((rs, row) -> {
				OffsetDateTime blocked = rs.getObject(4, OffsetDateTime.class);
				return new AttemptState(rs.getObject(1, OffsetDateTime.class).toInstant(), rs.getInt(2), rs.getInt(3),
						(blocked != null) ? blocked.toInstant() : null, rs.getInt(5),
						rs.getObject(6, OffsetDateTime.class).toInstant(), rs.getInt(7));
			}).optional();
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

	private void write(Limit limit, AttemptState state) {
		Instant forgetAt = latest(state.windowStart().plus(limit.window()),
				(limit.dailyBudget() > 0) ? state.dayStart().plus(AttemptState.DAY) : null,
				(state.blockedUntil() != null) ? state.blockedUntil().plus(Limit.LONGEST_LOCK) : null);
		this.jdbc.sql("""
				update attempt_limit set window_start = :windowStart, failures = :failures, pending = :pending,
				  blocked_until = :blockedUntil, lockouts = :lockouts, day_start = :dayStart,
				  day_failures = :dayFailures, forget_at = :forgetAt
				where limit_key = :key""")
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

	/** A turn at checking under one key; closing it lets the next check in. */
	@FunctionalInterface
	public interface Turn extends AutoCloseable {

		@Override
		void close();

	}

}
