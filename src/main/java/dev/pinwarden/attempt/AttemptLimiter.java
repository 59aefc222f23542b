package dev.pinwarden.attempt;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
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

	/**
	 * How long a reservation waits for attempts still being checked to settle, and the
	 * wait to suggest when they did not.
	 */
	private static final Duration IN_FLIGHT_WAIT = Duration.ofSeconds(2);

	private final AttemptRows rows;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate ownTransaction;

	private final Turns turns = new Turns();

	/** The turns taken while holding one of {@link #turns}: see {@link #turnWithin}. */
	private final Turns innerTurns = new Turns();

	AttemptLimiter(AttemptRows rows, Clock clock, ApplicationEventPublisher events,
			PlatformTransactionManager transactions) {
		this.rows = rows;
		this.clock = clock;
		this.events = events;
		this.ownTransaction = new TransactionTemplate(transactions);
		this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
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
		long pause = 20;
		while (true) {
			Instant now = now();
			Reservation reservation = this.ownTransaction.execute((status) -> tryReserve(limits, now));
			if (reservation.reserved()) {
				return new Attempt(this, limits);
			}
			if (reservation.lockedFor() != null || System.nanoTime() > deadline) {
				throw new AttemptsExhaustedException(
						(reservation.lockedFor() != null) ? reservation.lockedFor() : IN_FLIGHT_WAIT);
			}
			pause(pause);
			// less often the longer it takes: a flood of waiting logins must not keep the
			// row's lock busy
			pause = Math.min(2 * pause, 200);
		}
	}

	private Reservation tryReserve(List<Limit> limits, Instant now) {
		Map<String, AttemptState> states = this.rows.lock(limits, now);
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
			admitted.add(state.reserved(now));
		}
		if (lockedFor != null || full) {
			return new Reservation(false, lockedFor);
		}
		for (int i = 0; i < limits.size(); i++) {
			this.rows.write(limits.get(i), admitted.get(i));
		}
		return new Reservation(true, null);
	}

	/** Whether the attempt was reserved, and if not, how long a lock still lasts. */
	private record Reservation(boolean reserved, Duration lockedFor) {
	}

	private static void pause(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AttemptsExhaustedException(IN_FLIGHT_WAIT);
		}
	}

	/** Settles what {@link #reserve} reserved: see {@link Attempt}. */
	void settle(List<Limit> limits, boolean wrong) {
		Instant now = now();
		this.ownTransaction.executeWithoutResult((status) -> {
			Map<String, AttemptState> states = this.rows.lock(limits, now);
			for (int i = 0; i < limits.size(); i++) {
				Limit limit = limits.get(i);
				AttemptState before = states.get(limit.key()).at(limit, now);
				AttemptState after = before.settled(limit, wrong, now);
				this.rows.write(limit, after);
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
		return this.turns.take(key).orElseThrow(() -> new AttemptsExhaustedException(IN_FLIGHT_WAIT));
	}

	/**
	 * A {@link #turn} for a second key, taken while holding the first one's: from locks
	 * of its own, so that two checks holding a first turn never wait for each other's in
	 * a circle.
	 * @throws AttemptsExhaustedException when the turn does not come in time
	 */
	public Turn turnWithin(String key) {
		return this.innerTurns.take(key).orElseThrow(() -> new AttemptsExhaustedException(IN_FLIGHT_WAIT));
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
			AttemptState before = this.rows.lock(List.of(limit), now).get(limit.key()).at(limit, now);
			if (!before.admits(limit, now)) {
				throw new AttemptsExhaustedException(before.lockedFor(now).orElse(IN_FLIGHT_WAIT));
			}
			AttemptState after = before.failed(limit, now);
			this.rows.write(limit, after);
			announceLock(limit, before, after);
		});
	}

	/**
	 * An administrator ends the lock and forgets the failures of every key that is
	 * {@code key} or starts with {@code key + ":"}; true if there was any.
	 */
	public boolean unlock(String key) {
		return this.rows.delete(key);
	}

	/** Rows that say nothing any more: their window is over and their lock a day gone. */
	@Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT1M")
	void forgetOldRows() {
		int deleted = this.rows.forgetBefore(now());
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

	/** A turn at checking under one key; closing it lets the next check in. */
	@FunctionalInterface
	public interface Turn extends AutoCloseable {

		@Override
		void close();

	}

}
