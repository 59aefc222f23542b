package dev.pinwarden.card;

import dev.pinwarden.ApplicationException;

/** A terminal's card conversion with a step that is not one. */
public class CardConversionInvalidException extends ApplicationException {

	CardConversionInvalidException(String message) {
		super(Kind.INVALID, "card_conversion_invalid", "cardConversion, " + message);
	}

}
