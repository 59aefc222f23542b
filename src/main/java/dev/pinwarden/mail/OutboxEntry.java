package dev.pinwarden.mail;

import java.time.Instant;

/**
 * A message of the outbox as the admin may see it: never its content.
 *
 * @param status queued, sent, failed, or superseded (its PIN changed before it went out)
 */
public record OutboxEntry(long id, Long userId, String recipient, String template, String status, int attempts,
		String lastError, Instant createdAt, Instant nextAttemptAt, Instant sentAt) {

}
