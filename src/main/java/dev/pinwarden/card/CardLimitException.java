package dev.pinwarden.card;

import dev.pinwarden.ApplicationException;

/** The user has as many cards as a user may have. */
public class CardLimitException extends ApplicationException {

	CardLimitException() {
		super(Kind.CONFLICT, "card_limit",
				"A user has at most " + Cards.MAX_PER_USER + " cards; remove one before adding another");
	}

}
