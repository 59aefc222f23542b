package dev.pinwarden.mail;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import dev.pinwarden.user.User;

/**
 * Queues one mail to one user: composed from its template with the placeholders every
 * template has (the user's names and address) and its own, sealed, and put in the outbox
 * in the caller's transaction.
 */
@Component
class UserMailQueue {

	private final MailTemplates templates;

	private final Outbox outbox;

	private final MailSealer sealer;

	UserMailQueue(MailTemplates templates, Outbox outbox, MailSealer sealer) {
		this.templates = templates;
		this.outbox = outbox;
		this.sealer = sealer;
	}

	/**
	 * @param pinDigest the digest of the PIN the mail announces, so that it is not sent
	 * once the user no longer holds that PIN; {@code null} for a mail that announces none
	 */
	void queue(User user, MailTemplateKind kind, Map<String, String> own, byte[] pinDigest) {
		Map<String, String> values = new HashMap<>(own);
		values.put("username", user.username());
		values.put("fullName", user.fullName());
		values.put("email", user.email());
		RenderedMail mail = this.templates.composer(kind).compose(values);
		this.outbox.enqueue(List.of(new Outbox.NewMail(user.id(), user.email(), kind,
				this.sealer.seal(mail, user.email(), kind), pinDigest)));
	}

}
