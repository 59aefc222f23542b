package dev.pinwarden.audit;

import java.time.Instant;

/** One recorded event. */
public record AuditEvent(long id, Instant at, String actor, String action, Long userId, String subject,
		String details) {

}
