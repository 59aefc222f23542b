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
 * @param pending attempts reserved in it and not yet settled
 * @param blockedUntil the end of the last lock, or {@code null}
 * @param lockouts locks in a row
 */
record AttemptState(Instant windowStart, int failures, int pending, Instant blockedUntil, int lockouts) {

	static AttemptState fresh(Instant now) {
		return new AttemptState(now, 0, 0, null, 0);
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
	 * This state as it stands at {@code now}: once the window is over, its failures and
	 * reservations are forgotten and a new one begins. Reservations of the old window
	 * that settle later no longer count (see {@link #settled}).
	 */
	AttemptState at(Limit limit, Instant now) {
		if (this.windowStart.plus(limit.window()).isAfter(now)) {
			return this;
		}
		return new AttemptState(now, 0, 0, this.blockedUntil, this.lockouts);
	}

	/**
	 * Whether one more attempt may be checked now: the key is not locked and the wrong
	 * attempts so far, with those being checked, leave room in the budget.
	 */
	boolean admits(Limit limit, Instant now) {
		return lockedFor(now).isEmpty() && this.failures + this.pending < limit.budget();
	}

	AttemptState reserved() {
		return new AttemptState(this.windowStart, this.failures, this.pending + 1, this.blockedUntil, this.lockouts);
	}

	/**
	 * A reservation made in the window that began at {@code window} has been settled: it
	 * is no longer pending, and if it was wrong it is a failure, which may lock the key.
	 * A reservation of an earlier window changes nothing.
	 */
	AttemptState settled(Limit limit, Instant window, boolean wrong, Instant now) {
		if (!this.windowStart.equals(window)) {
			return this;
		}
		AttemptState released = new AttemptState(this.windowStart, this.failures, Math.max(0, this.pending - 1),
				this.blockedUntil, this.lockouts);
		return wrong ? released.failed(limit, now) : released;
	}

	/**
	 * One more wrong attempt. The one that spends the budget locks the key: for the
	 * limit's lock the first time, twice as long for each further lock within a day of
	 * the last one's end. A lock is never shortened or lifted here: a later wrong attempt
	 * only ever makes it longer.
	 */
	AttemptState failed(Limit limit, Instant now) {
		int failures = this.failures + 1;
		if (failures < limit.budget()) {
			return new AttemptState(this.windowStart, failures, this.pending, this.blockedUntil, this.lockouts);
		}
		boolean forgiven = this.blockedUntil == null || this.blockedUntil.plus(Limit.LONGEST_LOCK).isBefore(now);
		int lockouts = forgiven ? 1 : this.lockouts + 1;
		Instant until = now.plus(limit.lockNumber(lockouts));
		if (this.blockedUntil != null && this.blockedUntil.isAfter(until)) {
			until = this.blockedUntil;
		}
		return new AttemptState(now, 0, 0, until, lockouts);
	}

	/** Whether this state just became a lock that {@code before} was not. */
	boolean lockedSince(AttemptState before) {
		return this.blockedUntil != null && !this.blockedUntil.equals(before.blockedUntil());
	}

}
