package dev.pinwarden.card;

import dev.pinwarden.ApplicationException;

/** A card number that is not one: empty, too long, or with other characters. */
public class CardInvalidException extends ApplicationException {

	CardInvalidException() {
		this("A card number is 1 to " + CardNumber.MAX_LENGTH
				+ " digits or letters A-Z; spaces, '-' and ':' are dropped");
	}

	CardInvalidException(String message) {
		super(Kind.INVALID, "card_invalid", message);
	}

}
