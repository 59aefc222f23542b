package dev.pinwarden.card;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A card's number as readers and people write it, normalised: spaces, {@code -} and
 * {@code :} dropped, letters upper-cased, then 1 to 64 of {@code 0-9} and {@code A-Z}.
 * {@code 04:a2:2b:7c} and {@code 04A22B7C} are one card.
 */
public record CardNumber(String value) {

	static final int MAX_LENGTH = 64;

	/** What a reader or a person may send at most, before normalising. */
	static final int MAX_INPUT_LENGTH = 256;

	private static final Pattern VALID = Pattern.compile("[0-9A-Z]{1," + MAX_LENGTH + "}");

	private static final Pattern SEPARATORS = Pattern.compile("[\\s:-]");

	public CardNumber {
		if (value == null || !VALID.matcher(value).matches()) {
			throw new CardInvalidException();
		}
	}

	/** The number this text stands for. */
	public static CardNumber of(String text) {
		if (text == null || text.length() > MAX_INPUT_LENGTH) {
			throw new CardInvalidException();
		}
		return new CardNumber(normalise(text));
	}

	static String normalise(String text) {
		return SEPARATORS.matcher(text).replaceAll("").toUpperCase(Locale.ROOT);
	}

	/** The last 4 characters (fewer for a shorter number): all that is ever shown. */
	public String hint() {
		return this.value.substring(Math.max(0, this.value.length() - 4));
	}

	@Override
	public String toString() {
		return "CardNumber[…" + hint() + "]";
	}

}
