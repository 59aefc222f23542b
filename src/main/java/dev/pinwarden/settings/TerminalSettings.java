package dev.pinwarden.settings;

import dev.pinwarden.InvalidInputException;

/**
 * The terminals' section of the settings. In a change, a {@code null} keeps the current
 * value.
 *
 * @param defaultLoginMode the login mode of terminals that have none of their own
 * @param unknownCardBudget unknown cards a terminal may send within the terminal window
 * before it is throttled for cards: larger than the budget of wrong PINs, so that a lobby
 * of new badges does not throttle a terminal, while a card emulator walking through
 * numbers is stopped
 * @param cardSelfRegistration whether, and how, users tie an unknown card to themselves
 * at a terminal
 */
public record TerminalSettings(LoginMode defaultLoginMode, CardSelfRegistration cardSelfRegistration,
		Integer unknownCardBudget, Integer version) {

	public TerminalSettings {
		if (unknownCardBudget != null && (unknownCardBudget < 1 || unknownCardBudget > 1000)) {
			throw new InvalidInputException("unknownCardBudget", "unknownCardBudget must be between 1 and 1000");
		}
	}

	TerminalSettings with(TerminalSettings change) {
		return new TerminalSettings((change.defaultLoginMode != null) ? change.defaultLoginMode : this.defaultLoginMode,
				(change.cardSelfRegistration != null) ? change.cardSelfRegistration : this.cardSelfRegistration,
				(change.unknownCardBudget != null) ? change.unknownCardBudget : this.unknownCardBudget, change.version);
	}

}
