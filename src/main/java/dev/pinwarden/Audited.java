package dev.pinwarden;

/**
 * Something worth recording in the audit log happened. Modules publish it; the audit
 * module records it, with who did it, in the transaction that did it. Never carries a
 * secret.
 *
 * @param action what happened, such as {@code pin.set} or {@code template.changed}
 * @param userId the user it concerns, if any
 * @param subject what it concerns otherwise: a template, a terminal, a sync source
 * @param details more, for a person to read: old and new settings, counts
 */
public record Audited(String action, Long userId, String subject, String details) {

	public static Audited of(String action, String subject, String details) {
		return new Audited(action, null, subject, details);
	}

	public static Audited ofUser(String action, long userId, String details) {
		return new Audited(action, userId, null, details);
	}

}
