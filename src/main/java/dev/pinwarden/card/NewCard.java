package dev.pinwarden.card;

import dev.pinwarden.TextInput;

/** A card to add: its number as written, and an optional label such as "badge 2025". */
public record NewCard(CardNumber number, String label) {

	public NewCard {
		if (number == null) {
			throw new CardInvalidException("number is required");
		}
		label = TextInput.optional("label", label, 100);
	}

	@Override
	public String toString() {
		return "NewCard[" + this.number + ", label=" + this.label + "]";
	}

}
