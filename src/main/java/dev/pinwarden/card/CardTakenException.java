package dev.pinwarden.card;

import dev.pinwarden.ApplicationException;

/** The card belongs to a user already (this one or another). */
public class CardTakenException extends ApplicationException {

	CardTakenException() {
		super(Kind.CONFLICT, "card_taken", "This card belongs to a user already");
	}

}
