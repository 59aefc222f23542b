package dev.pinwarden.settings;

import dev.pinwarden.InvalidInputException;

/**
 * The security section of the settings. Ranges follow MyQ's lockout settings: 1 to 100
 * failures, 1 to 144,000 minutes. In a change, a {@code null} keeps the current value.
 *
 * @param terminalFailureBudget wrong PINs a terminal may send within the window before it
 * is throttled
 * @param terminalFailureWindowMinutes the window, and the first throttling's length; each
 * further throttling of the same terminal lasts twice as long
 * @param loginFailureBudget failed logins per account, and per source address, before it
 * is locked
 * @param loginLockMinutes how long such a lock lasts
 * @param selfServicePerDay how many times a day users may generate their own PIN
 */
public record SecuritySettings(Integer terminalFailureBudget, Integer terminalFailureWindowMinutes,
		Integer loginFailureBudget, Integer loginLockMinutes, Integer selfServicePerDay, Integer version) {

	public SecuritySettings {
		check("terminalFailureBudget", terminalFailureBudget, 1, 100);
		check("terminalFailureWindowMinutes", terminalFailureWindowMinutes, 1, 144_000);
		check("loginFailureBudget", loginFailureBudget, 1, 100);
		check("loginLockMinutes", loginLockMinutes, 1, 144_000);
		check("selfServicePerDay", selfServicePerDay, 1, 1000);
	}

	/** These settings with a change's non-null values. */
	SecuritySettings with(SecuritySettings change) {
		return new SecuritySettings(or(change.terminalFailureBudget, this.terminalFailureBudget),
				or(change.terminalFailureWindowMinutes, this.terminalFailureWindowMinutes),
				or(change.loginFailureBudget, this.loginFailureBudget),
				or(change.loginLockMinutes, this.loginLockMinutes),
				or(change.selfServicePerDay, this.selfServicePerDay), change.version);
	}

	private static Integer or(Integer value, Integer current) {
		return (value != null) ? value : current;
	}

	private static void check(String field, Integer value, int min, int max) {
		if (value != null && (value < min || value > max)) {
			throw new InvalidInputException(field, field + " must be between " + min + " and " + max);
		}
	}

}
