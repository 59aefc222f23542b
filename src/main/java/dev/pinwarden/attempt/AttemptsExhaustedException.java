package dev.pinwarden.attempt;

import java.time.Duration;

import dev.pinwarden.ApplicationException;
import dev.pinwarden.RetryAfter;

/** 429 {@code rate_limited}: a key is locked, or its budget is taken; with the wait. */
public class AttemptsExhaustedException extends ApplicationException implements RetryAfter {

	private final long retryAfterSeconds;

	AttemptsExhaustedException(Duration wait) {
		super(Kind.RATE_LIMITED, "rate_limited", "Too many wrong attempts; try again in " + seconds(wait) + " seconds");
		this.retryAfterSeconds = seconds(wait);
	}

	/** Whole seconds, rounded up, at least one: a client that waits them is let in. */
	private static long seconds(Duration wait) {
		return Math.max(1, wait.toSeconds() + ((wait.toNanosPart() > 0) ? 1 : 0));
	}

	@Override
	public long retryAfterSeconds() {
		return this.retryAfterSeconds;
	}

}
