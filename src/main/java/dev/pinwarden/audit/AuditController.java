package dev.pinwarden.audit;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.pinwarden.InvalidInputException;

@RestController
class AuditController {

	private final AuditLog audit;

	AuditController(AuditLog audit) {
		this.audit = audit;
	}

	/** Audit events, newest first; {@code from}/{@code to} are ISO-8601 instants. */
	@GetMapping("/api/v1/audit")
	AuditLog.Page search(@RequestParam(required = false) Long user, @RequestParam(required = false) String action,
			@RequestParam(required = false) String from, @RequestParam(required = false) String to,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
		return this.audit.search(new AuditQuery(user, action, instant("from", from), instant("to", to), page, size));
	}

	private static Instant instant(String field, String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		try {
			return Instant.parse(text);
		}
		catch (DateTimeParseException ex) {
			throw new InvalidInputException(field, field + " must be an ISO-8601 instant such as 2026-11-26T08:00:00Z");
		}
	}

}
