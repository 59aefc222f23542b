package dev.pinwarden.auth;

import dev.pinwarden.InvalidInputException;

/**
 * The security section of the settings, so far the terminals' guessing budget (MyQ's
 * ranges: 1 to 100 failures, 1 to 144,000 minutes).
 *
 * @param terminalFailureBudget wrong PINs a terminal may send within the window before it
 * is throttled
 * @param terminalFailureWindowMinutes the window, and the first throttling's length; each
 * further throttling of the same terminal lasts twice as long
 */
public record SecuritySettings(int terminalFailureBudget, int terminalFailureWindowMinutes, Integer version) {

	public SecuritySettings {
		if (terminalFailureBudget < 1 || terminalFailureBudget > 100) {
			throw new InvalidInputException("terminalFailureBudget", "terminalFailureBudget must be between 1 and 100");
		}
		if (terminalFailureWindowMinutes < 1 || terminalFailureWindowMinutes > 144_000) {
			throw new InvalidInputException("terminalFailureWindowMinutes",
					"terminalFailureWindowMinutes must be between 1 and 144000");
		}
	}

}
