package dev.pinwarden.mail;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;
import java.util.Set;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.pinwarden.InvalidInputException;

@RestController
class MailController {

	private static final Set<String> STATUSES = Set.of(Outbox.QUEUED, Outbox.SENT, Outbox.FAILED, Outbox.SUPERSEDED);

	private final MailTemplates templates;

	private final Outbox outbox;

	MailController(MailTemplates templates, Outbox outbox) {
		this.templates = templates;
		this.outbox = outbox;
	}

	@GetMapping("/api/v1/email-templates")
	List<MailTemplate> list() {
		return this.templates.list();
	}

	@GetMapping("/api/v1/email-templates/{id}")
	MailTemplate get(@PathVariable String id) {
		return this.templates.get(id);
	}

	@PutMapping("/api/v1/email-templates/{id}")
	MailTemplate update(@PathVariable String id, @RequestBody TemplateText text) {
		return this.templates.update(id, text.subject(), text.body());
	}

	@PostMapping("/api/v1/email-templates/{id}/revert")
	MailTemplate revert(@PathVariable String id) {
		return this.templates.revert(id);
	}

	@PostMapping("/api/v1/email-templates/{id}/preview")
	RenderedMail preview(@PathVariable String id, @RequestBody(required = false) TemplateText text) {
		return this.templates.preview(id, (text != null) ? text.subject() : null, (text != null) ? text.body() : null);
	}

	@GetMapping("/api/v1/mail/outbox")
	OutboxPage outbox(@RequestParam(required = false) String status, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "50") int size) {
		if (status != null && !STATUSES.contains(status)) {
			throw new InvalidInputException("status", "status must be one of queued, sent, failed, superseded");
		}
		if (page < 0 || page > 1_000_000 || size < 1 || size > 500) {
			throw new InvalidInputException("size", "page must be 0 to 1000000 and size 1 to 500");
		}
		return new OutboxPage(this.outbox.list(status, (long) page * size, size), page, size,
				this.outbox.count(status));
	}

	/** What a template's PUT takes; the rest of a GET's answer may come back with it. */
	@JsonIgnoreProperties({ "id", "defaultSubject", "defaultBody", "modified", "placeholders" })
	record TemplateText(String subject, String body) {
	}

	record OutboxPage(List<OutboxEntry> items, int page, int size, long total) {
	}

}
