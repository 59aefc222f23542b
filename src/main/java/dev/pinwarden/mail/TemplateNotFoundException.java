package dev.pinwarden.mail;

import dev.pinwarden.ApplicationException;

public class TemplateNotFoundException extends ApplicationException {

	public TemplateNotFoundException(String id) {
		super(Kind.NOT_FOUND, "template_not_found",
				"There is no mail template '" + id + "'; there are 'new-pin' and 'pin-reset-code'");
	}

}
