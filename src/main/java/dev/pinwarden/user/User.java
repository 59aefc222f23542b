package dev.pinwarden.user;

import java.time.Instant;

/**
 * A person who may unlock printers with a PIN.
 *
 * @param source where the user comes from: {@code manual}, or a sync source
 * @param pinLength the length of the user's PIN, {@code null} when the user has none
 * @param pinSetAt when the PIN was set, {@code null} when the user has none
 */
public record User(long id, String username, String fullName, String email, boolean active, String source,
		Instant createdAt, Instant updatedAt, Integer pinLength, Instant pinSetAt) {

	public boolean hasPin() {
		return this.pinLength != null;
	}

}
