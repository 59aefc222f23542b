package dev.pinwarden.audit;

import java.time.Instant;

import dev.pinwarden.InvalidInputException;

/** A search of the audit log; every criterion is optional. */
public record AuditQuery(Long userId, String action, Instant from, Instant to, int page, int size) {

	public AuditQuery {
		if (page < 0 || page > 1_000_000) {
			throw new InvalidInputException("page", "page must be between 0 and 1000000");
		}
		if (size < 1 || size > 500) {
			throw new InvalidInputException("size", "size must be between 1 and 500");
		}
		if (action != null && (action.isBlank() || action.length() > 60)) {
			throw new InvalidInputException("action", "action must be 1 to 60 characters");
		}
	}

}
