package dev.pinwarden.attempt;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import dev.pinwarden.attempt.AttemptLimiter.Turn;

/**
 * Node-local turns at checking a key's secrets: striped locks, so that made-up keys
 * cannot make a map grow; two keys sharing a stripe only take turns with each other.
 */
final class Turns {

	/** How long a check waits for its turn before it is refused as too many at once. */
	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	// many, so that the few keys being checked at any moment rarely share one
	private static final int STRIPES = 4096;

	/**
	 * Checks of one key that may wait for their turn at once; more are refused at once,
	 * so that a flood with one token cannot park the server's threads.
	 */
	private static final int MOST_WAITING = 16;

	private final ReentrantLock[] locks = new ReentrantLock[STRIPES];

	Turns() {
		for (int i = 0; i < STRIPES; i++) {
			this.locks[i] = new ReentrantLock();
		}
	}

	/** The key's turn, once it comes; empty when it did not come in time. */
	Optional<Turn> take(String key) {
		ReentrantLock lock = this.locks[Math.floorMod(key.hashCode(), STRIPES)];
		if (lock.getQueueLength() >= MOST_WAITING) {
			return Optional.empty();
		}
		try {
			return lock.tryLock(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS) ? Optional.of(lock::unlock)
					: Optional.empty();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Optional.empty();
		}
	}

}
