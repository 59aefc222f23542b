package dev.pinwarden.attempt;

import java.util.List;

/**
 * An attempt {@link AttemptLimiter#reserve reserved} under one or more limits, to be
 * settled once its secret is checked: {@link #succeeded()} gives the slots back,
 * {@link #failed()} counts them as wrong (and may lock a key). Closed without either, as
 * when the check itself broke, the slots are given back uncounted.
 */
public final class Attempt implements AutoCloseable {

	private final AttemptLimiter limiter;

	private final List<Limit> limits;

	private boolean settled;

	Attempt(AttemptLimiter limiter, List<Limit> limits) {
		this.limiter = limiter;
		this.limits = List.copyOf(limits);
	}

	public void succeeded() {
		settle(false);
	}

	public void failed() {
		settle(true);
	}

	@Override
	public void close() {
		if (!this.settled) {
			settle(false);
		}
	}

	private void settle(boolean wrong) {
		if (this.settled) {
			throw new IllegalStateException("an attempt is settled once");
		}
		this.settled = true;
		this.limiter.settle(this.limits, wrong);
	}

}
