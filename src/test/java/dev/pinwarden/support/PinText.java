package dev.pinwarden.support;

import java.util.regex.Pattern;

/** Finding a PIN in text that is not supposed to hold it. */
public final class PinText {

	private PinText() {
	}

	/**
	 * The PIN as a number of its own, not as a part of a longer one: logs, metrics and
	 * answers are full of numbers (ports, ids, durations), and a four-digit PIN is inside
	 * one of them by chance now and then.
	 */
	public static Pattern asWholeNumber(String pin) {
		return Pattern.compile("(?<![0-9])" + Pattern.quote(pin) + "(?![0-9])");
	}

}
