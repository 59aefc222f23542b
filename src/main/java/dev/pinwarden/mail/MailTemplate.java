package dev.pinwarden.mail;

import java.util.Set;

/**
 * A mail template as the admin sees it.
 *
 * @param modified whether it differs from the shipped default
 */
public record MailTemplate(String id, String subject, String body, String defaultSubject, String defaultBody,
		boolean modified, Set<String> placeholders) {

	static MailTemplate of(MailTemplateKind kind, String subject, String body) {
		return new MailTemplate(kind.id(), subject, body, kind.defaultSubject(), kind.defaultBody(),
				!subject.equals(kind.defaultSubject()) || !body.equals(kind.defaultBody()), kind.placeholders());
	}

}
