package dev.pinwarden.card;

import dev.pinwarden.ApplicationException;

public class CardNotFoundException extends ApplicationException {

	CardNotFoundException(long userId, long cardId) {
		super(Kind.NOT_FOUND, "card_not_found", "User " + userId + " has no card with id " + cardId);
	}

}
