package dev.pinwarden.terminal;

import java.util.Map;

import dev.pinwarden.ApplicationException;
import dev.pinwarden.settings.CardSelfRegistration;

/** A registration request that is not what the site's self-registration takes. */
class SelfRegistrationBodyException extends ApplicationException {

	private final CardSelfRegistration mode;

	SelfRegistrationBodyException(CardSelfRegistration mode) {
		super(Kind.INVALID, "self_registration",
				"Cards are registered here with "
						+ ((mode == CardSelfRegistration.PIN) ? "the holder's PIN: {\"card\", \"pin\"}"
								: "a code from the holder's Home page: {\"card\", \"code\"}"));
		this.mode = mode;
	}

	@Override
	public Map<String, Object> details() {
		return Map.of("selfRegistration", this.mode.value());
	}

}
