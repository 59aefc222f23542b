package dev.pinwarden.mail;

import java.nio.charset.StandardCharsets;

import org.springframework.stereotype.Component;

import dev.pinwarden.pin.SecretBox;

/** Seals a rendered mail for its wait in the outbox, and opens it again to send it. */
@Component
class MailSealer {

	private static final String PURPOSE = "mail-encryption/v1";

	private final SecretBox box;

	MailSealer(SecretBox box) {
		this.box = box;
	}

	dev.pinwarden.pin.SecretBox.Sealed seal(RenderedMail mail) {
		// the subject never holds a line break, so the first one separates it from the
		// body
		return this.box.seal(PURPOSE, (mail.subject() + "\n" + mail.body()).getBytes(StandardCharsets.UTF_8));
	}

	RenderedMail open(String keyId, byte[] content) {
		String plain = new String(this.box.open(PURPOSE, new dev.pinwarden.pin.SecretBox.Sealed(keyId, content)),
				StandardCharsets.UTF_8);
		int split = plain.indexOf('\n');
		return new RenderedMail(plain.substring(0, split), plain.substring(split + 1));
	}

}
