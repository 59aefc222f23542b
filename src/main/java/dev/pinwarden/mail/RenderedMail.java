package dev.pinwarden.mail;

/** A mail's subject and plain-text body, placeholders filled in. May contain a secret. */
public record RenderedMail(String subject, String body) {

	@Override
	public String toString() {
		return "RenderedMail[<hidden>]";
	}

}
