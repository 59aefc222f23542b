package dev.pinwarden.attempt;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A budget of wrong attempts under one key: at most {@code budget} wrong attempts in a
 * window; the one that spends the budget locks the key for {@code lock}, and each further
 * lock within a day of the last one for twice as long as the one before, up to a day.
 *
 * @param key what is counted, such as {@code terminal:42} or a hashed account name (see
 * {@link AttemptLimiter#hashedKey}); never a secret, nor a name in clear
 * @param subject what the audit log names when the key is locked ("terminal 42", "user
 * 17"); never a secret
 * @param budget wrong attempts allowed in a window
 * @param window how long failures are remembered, from the first of the window
 * @param lock the first lock's length
 * @param dailyBudget wrong attempts allowed in a day, windows or not; the one that spends
 * it locks the key until the day is over; {@code 0} for none. Without it, somebody who
 * stops one short of the budget in every window is never locked.
 */
public record Limit(String key, String subject, int budget, Duration window, Duration lock, int dailyBudget) {

	/** A limit without a daily budget. */
	public Limit(String key, String subject, int budget, Duration window, Duration lock) {
		this(key, subject, budget, window, lock, 0);
	}

	static final Duration LONGEST_LOCK = Duration.ofDays(1);

	public Limit {
		Objects.requireNonNull(key, "key");
		Objects.requireNonNull(subject, "subject");
		if (key.length() > 200) {
			throw new IllegalArgumentException("an attempt key has at most 200 characters");
		}
		if (budget < 1 || dailyBudget < 0 || window.isNegative() || window.isZero() || lock.isNegative()
				|| lock.isZero()) {
			throw new IllegalArgumentException("a limit needs a budget of at least 1 and positive durations");
		}
	}

	/**
	 * The most wrong attempts this limit answers in a day to somebody who guesses with
	 * patience, whichever way: as fast as it lets them (and is locked for longer each
	 * time), or one short of the budget in every window (and never locked).
	 */
	public int mostWrongAttemptsPerDay() {
		return Math.max(guessedInADay(this.budget), guessedInADay(Math.max(1, this.budget - 1)));
	}

	/** Wrong attempts in a day by somebody who makes {@code perWindow} in each window. */
	private int guessedInADay(int perWindow) {
		Instant start = Instant.EPOCH;
		Instant end = start.plus(AttemptState.DAY);
		Instant now = start;
		AttemptState state = AttemptState.fresh(now);
		int guessed = 0;
		while (now.isBefore(end)) {
			state = state.at(this, now);
			int inThisWindow = 0;
			while (inThisWindow < perWindow && state.admits(this, now)) {
				state = state.failed(this, now);
				guessed++;
				inThisWindow++;
			}
			Instant windowEnd = state.windowStart().plus(this.window);
			now = (state.blockedUntil() != null && state.blockedUntil().isAfter(now)) ? state.blockedUntil()
					: windowEnd;
		}
		return guessed;
	}

	/** The length of the {@code n}th lock in a row (the first is {@code 1}). */
	Duration lockNumber(int n) {
		Duration length = this.lock.multipliedBy(1L << Math.min(Math.max(n, 1) - 1, 20));
		return (length.compareTo(LONGEST_LOCK) > 0) ? LONGEST_LOCK : length;
	}

}
