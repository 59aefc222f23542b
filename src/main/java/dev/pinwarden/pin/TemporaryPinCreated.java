package dev.pinwarden.pin;

import java.time.Instant;

/**
 * A temporary PIN was created, in the transaction that is still running. Like
 * {@link PinsGenerated} a plain synchronous event that carries the PIN in clear on its
 * way into the encrypted outbox: the PIN and its mail commit together or not at all.
 */
public record TemporaryPinCreated(long userId, String pin, Instant expiresAt) {

	@Override
	public String toString() {
		return "TemporaryPinCreated[userId=" + this.userId + ", pin=<hidden>, expiresAt=" + this.expiresAt + "]";
	}

}
