package dev.pinwarden.attempt;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One key's row of {@code attempt_limit}, and the rules that change it. Pure: the limiter
 * reads a row under its lock, asks this what the row becomes, and writes it.
 *
 * @param windowStart when the current window began
 * @param failures wrong attempts in it
 * @param pending attempts reserved and not yet settled, whatever window they were
 * reserved in
 * @param reservedAt when the last of them was reserved, or {@code null}
 * @param blockedUntil the end of the last lock, or {@code null}
 * @param lockouts locks in a row
 * @param dayStart when the current day of the daily budget began
 * @param dayFailures wrong attempts in that day
 */
record AttemptState(Instant windowStart, int failures, int pending, Instant reservedAt, Instant blockedUntil,
		int lockouts, Instant dayStart, int dayFailures) {

	static final Duration DAY = Duration.ofDays(1);

	/**
	 * Longer than any check takes (its waits for a slot and for a core included): pending
	 * attempts older than this were left by a node that stopped, and are forgotten.
	 */
	static final Duration STALE = Duration.ofMinutes(1);

	static AttemptState fresh(Instant now) {
		return new AttemptState(now, 0, 0, null, null, 0, now, 0);
	}

	/** How long the key stays locked, if it is locked at {@code now}. */
	Optional<Duration> lockedFor(Instant now) {
		return lockedFor(this.blockedUntil, now);
	}

	static Optional<Duration> lockedFor(Instant blockedUntil, Instant now) {
		return (blockedUntil != null && blockedUntil.isAfter(now)) ? Optional.of(Duration.between(now, blockedUntil))
				: Optional.empty();
	}

	/**
	 * This state as it stands at {@code now}: once the window is over, its failures are
	 * forgotten and a new one begins; once the day is over, so are the day's failures.
	 * Attempts still being checked stay pending across windows (they count where they
	 * settle), unless they are stale.
	 */
	AttemptState at(Limit limit, Instant now) {
		boolean windowOver = !this.windowStart.plus(limit.window()).isAfter(now);
		boolean dayOver = !this.dayStart.plus(DAY).isAfter(now);
		boolean stale = this.pending > 0 && (this.reservedAt == null || !this.reservedAt.plus(STALE).isAfter(now));
		if (!windowOver && !dayOver && !stale) {
			return this;
		}
		return new AttemptState(windowOver ? now : this.windowStart, windowOver ? 0 : this.failures,
				stale ? 0 : this.pending, this.reservedAt, this.blockedUntil, this.lockouts,
				dayOver ? now : this.dayStart, dayOver ? 0 : this.dayFailures);
	}

	/**
	 * Whether one more attempt may be checked now: the key is not locked and the wrong
	 * attempts so far, with those being checked, leave room in the budget (and in the
	 * daily budget, where there is one).
	 */
	boolean admits(Limit limit, Instant now) {
		return lockedFor(now).isEmpty() && this.failures + this.pending < limit.budget()
				&& (limit.dailyBudget() == 0 || this.dayFailures + this.pending < limit.dailyBudget());
	}

	AttemptState reserved(Instant now) {
		return new AttemptState(this.windowStart, this.failures, this.pending + 1, now, this.blockedUntil,
				this.lockouts, this.dayStart, this.dayFailures);
	}

	/**
	 * A reservation has been settled: it is no longer pending, and if it was wrong it is
	 * a failure of the current window and day, which may lock the key.
	 */
	AttemptState settled(Limit limit, boolean wrong, Instant now) {
		AttemptState released = new AttemptState(this.windowStart, this.failures, Math.max(0, this.pending - 1),
				this.reservedAt, this.blockedUntil, this.lockouts, this.dayStart, this.dayFailures);
		return wrong ? released.failed(limit, now) : released;
	}

	/**
	 * One more wrong attempt. The one that spends the budget locks the key: for the
	 * limit's lock the first time, twice as long for each further lock within a day of
	 * the last one's end; the one that spends the daily budget locks it until the day is
	 * over. A lock is never shortened or lifted here: a later wrong attempt only ever
	 * makes it longer.
	 */
	AttemptState failed(Limit limit, Instant now) {
		int failures = this.failures + 1;
		int dayFailures = this.dayFailures + 1;
		boolean dayspent = limit.dailyBudget() > 0 && dayFailures >= limit.dailyBudget();
		if (failures < limit.budget() && !dayspent) {
			return new AttemptState(this.windowStart, failures, this.pending, this.reservedAt, this.blockedUntil,
					this.lockouts, this.dayStart, dayFailures);
		}
		boolean forgiven = this.blockedUntil == null || this.blockedUntil.plus(Limit.LONGEST_LOCK).isBefore(now);
		int lockouts = forgiven ? 1 : this.lockouts + 1;
		Instant until = now.plus(limit.lockNumber(lockouts));
		if (dayspent && this.dayStart.plus(DAY).isAfter(until)) {
			until = this.dayStart.plus(DAY);
		}
		if (this.blockedUntil != null && this.blockedUntil.isAfter(until)) {
			until = this.blockedUntil;
		}
		return new AttemptState(now, 0, this.pending, this.reservedAt, until, lockouts, this.dayStart, dayFailures);
	}

	/** Whether this state just became a lock that {@code before} was not. */
	boolean lockedSince(AttemptState before) {
		return this.blockedUntil != null && !this.blockedUntil.equals(before.blockedUntil());
	}

}
