package dev.pinwarden.terminal;

import dev.pinwarden.TextInput;
import dev.pinwarden.card.CardConversion;
import dev.pinwarden.settings.LoginMode;

/**
 * A terminal's name, its own login mode ({@code null}: the default of the terminal
 * settings) and the steps that turn what its reader sends into a card number.
 */
public record TerminalSetup(String name, LoginMode loginMode, CardConversion cardConversion) {

	public TerminalSetup {
		name = TextInput.required("name", name, 100);
		cardConversion = (cardConversion != null) ? cardConversion : CardConversion.none();
	}

}
