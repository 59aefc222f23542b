package dev.pinwarden.pin;

/**
 * The length rules of the product. A PIN chosen by an admin must be digits only, at least
 * the minimal length and at most {@link #MAX_LENGTH}. A generated PIN is at least the
 * minimal length and at least the length the user count requires, so that one random
 * guess at a terminal hits somebody no more than about one time in ten.
 */
public final class PinPolicy {

	/** The smallest value an admin may choose as the minimal PIN length. */
	public static final int MIN_MINIMAL_LENGTH = 4;

	/** The longest PIN there is; also the largest minimal length. */
	public static final int MAX_LENGTH = 16;

	private PinPolicy() {
	}

	/**
	 * Fewer than 1,000 users need 4 digits, 1,000 to 9,999 need 5, 10,000 to 99,999 need
	 * 6, and every further factor of ten one digit more, up to {@link #MAX_LENGTH}: one
	 * more digit than the user count has, never less than 4.
	 */
	public static int requiredLengthForUserCount(long userCount) {
		int digitsOfCount = Long.toString(Math.max(userCount, 0)).length();
		return Math.min(MAX_LENGTH, Math.max(MIN_MINIMAL_LENGTH, digitsOfCount + 1));
	}

	/** The length of a PIN generated now: the larger of the two rules. */
	public static int generatedLength(int minimalLength, long userCount) {
		return Math.max(minimalLength, requiredLengthForUserCount(userCount));
	}

	/**
	 * Whether {@code minimalLength} is an allowed value of the minimal PIN length
	 * setting.
	 */
	public static boolean isAllowedMinimalLength(int minimalLength) {
		return minimalLength >= MIN_MINIMAL_LENGTH && minimalLength <= MAX_LENGTH;
	}

	/**
	 * Checks a PIN an admin typed in. Only the ASCII digits 0-9 count: full-width or
	 * Arabic-Indic digits are refused, since no terminal keypad types them. Leading zeros
	 * are significant, so the PIN stays a string.
	 */
	public static void checkChosenPin(String pin, int minimalLength) {
		if (pin == null || pin.isEmpty()) {
			throw new PinRuleViolationException("pin_missing", "A PIN is required");
		}
		if (!isAsciiDigits(pin)) {
			throw new PinRuleViolationException("pin_not_digits", "A PIN may contain only the digits 0-9");
		}
		if (pin.length() > MAX_LENGTH) {
			throw new PinRuleViolationException("pin_too_long", "A PIN may have at most " + MAX_LENGTH + " digits");
		}
		if (pin.length() < minimalLength) {
			throw new PinRuleViolationException("pin_too_short",
					"A PIN must have at least " + minimalLength + " digits (the minimal PIN length)");
		}
	}

	/** Whether the text could be a PIN at all: 1 to 16 ASCII digits. */
	public static boolean isWellFormed(String pin) {
		return pin != null && !pin.isEmpty() && pin.length() <= MAX_LENGTH && isAsciiDigits(pin);
	}

	private static boolean isAsciiDigits(String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c < '0' || c > '9') {
				return false;
			}
		}
		return true;
	}

}
