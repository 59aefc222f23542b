package dev.pinwarden.mail;

import java.nio.charset.StandardCharsets;

import org.springframework.stereotype.Component;

import dev.pinwarden.pin.SecretBox;
import dev.pinwarden.pin.SecretBox.Sealed;

/**
 * Seals a rendered mail for its wait in the outbox, and opens it again to send it. A
 * sealed mail is bound to its outbox row's recipient and template: copied into a row for
 * another address, it does not open.
 */
@Component
class MailSealer {

	private static final String PURPOSE = "mail-encryption/v1";

	/** {@code mail_outbox.content_version} of content bound to its row. */
	static final int BOUND = 2;

	private final SecretBox box;

	MailSealer(SecretBox box) {
		this.box = box;
	}

	Sealed seal(RenderedMail mail, String recipient, MailTemplateKind template) {
		// the subject never holds a line break, so the first one separates it from the
		// body
		return this.box.seal(PURPOSE, boundTo(recipient, template.id()),
				(mail.subject() + "\n" + mail.body()).getBytes(StandardCharsets.UTF_8));
	}

	RenderedMail open(Outbox.Claimed mail) {
		Sealed sealed = new Sealed(mail.keyId(), mail.content());
		byte[] plain = (mail.contentVersion() >= BOUND)
				? this.box.open(PURPOSE, boundTo(mail.recipient(), mail.templateId()), sealed)
				: this.box.openUnbound(PURPOSE, sealed);
		String text = new String(plain, StandardCharsets.UTF_8);
		int split = text.indexOf('\n');
		return new RenderedMail(text.substring(0, split), text.substring(split + 1));
	}

	private static byte[] boundTo(String recipient, String templateId) {
		return SecretBox.boundTo("mail_outbox", PURPOSE, templateId, recipient);
	}

}
