package dev.pinwarden.pin;

import dev.pinwarden.InvalidInputException;

/** A PIN that breaks one of the {@link PinPolicy} rules; the code names the rule. */
public class PinRuleViolationException extends InvalidInputException {

	public PinRuleViolationException(String code, String message) {
		super("pin", code, message);
	}

}
