package dev.pinwarden.terminal;

import java.time.Instant;

/**
 * A printer terminal allowed to turn PINs into users; revoked ones are kept for the
 * record.
 */
public record Terminal(long id, String name, Instant createdAt, Instant revokedAt) {

	public boolean active() {
		return this.revokedAt == null;
	}

}
