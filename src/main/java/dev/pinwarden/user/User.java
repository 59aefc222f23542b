package dev.pinwarden.user;

import java.time.Instant;

/**
 * A person who may unlock printers with a PIN.
 *
 * @param source where the user comes from: {@code manual}, or a sync source
 * @param externalId the source's stable id of the person, {@code null} if none
 * @param pinLength the length of the user's PIN, {@code null} when the user has none
 * @param pinSetAt when the PIN was set, {@code null} when the user has none
 */
public record User(long id, String username, String fullName, String email, boolean active, String source,
		String externalId, Instant createdAt, Instant updatedAt, Integer pinLength, Instant pinSetAt) {

	public boolean hasPin() {
		return this.pinLength != null;
	}

}
