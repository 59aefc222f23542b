package dev.pinwarden.card;

import java.time.Instant;

/**
 * A user's card as it may be shown: its hint (the last 4 characters), never the number.
 * {@code source} says who added it: {@code manual} (an administrator), {@code terminal}
 * (its user registered it at one), or the sync source that brought it. {@code locked}:
 * too many wrong PINs were typed with it (card + PIN), and its lock has not ended.
 */
public record Card(long id, long userId, String hint, String label, String source, Instant createdAt,
		Instant lastUsedAt, boolean locked) {
}
