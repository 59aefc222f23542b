package dev.pinwarden.pin;

/**
 * What a mass regeneration did.
 *
 * @param regenerated active users that got a new PIN
 * @param emailed of those, the ones with an email address, to whom the PIN is mailed
 * @param withoutEmail of those, the ones without an address, whose PINs are in the PIN
 * letters
 * @param keptWithoutEmail active users without an address who kept their PIN (asked for
 * with {@link UsersWithoutEmail#KEEP})
 * @param temporaryPinsDeleted the temporary PINs of the users that got a new PIN, deleted
 * with their old PINs
 * @param pinLength the length of the new PINs
 * @param pinLetters the letters holding the new PINs of those without an address, to
 * download once; {@code null} when there are none
 */
public record RegenerationResult(int regenerated, int emailed, int withoutEmail, int keptWithoutEmail,
		int temporaryPinsDeleted, int pinLength, PinLetters.LettersInfo pinLetters) {

	/** What happens to the PINs of active users whom no mail can reach. */
	public enum UsersWithoutEmail {

		/** They get new PINs too, handed out as PIN letters. */
		LETTERS,

		/** They keep the PIN they have. */
		KEEP;

		/** From the API's words, {@code letters} (the default) or {@code keep}. */
		public static UsersWithoutEmail of(String value) {
			if (value == null || value.equals("letters")) {
				return LETTERS;
			}
			if (value.equals("keep")) {
				return KEEP;
			}
			throw new dev.pinwarden.InvalidInputException("usersWithoutEmail",
					"usersWithoutEmail must be letters or keep");
		}

	}

}
