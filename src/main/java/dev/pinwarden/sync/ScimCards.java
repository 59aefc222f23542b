package dev.pinwarden.sync;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;

import dev.pinwarden.card.CardInvalidException;
import dev.pinwarden.card.CardNumber;

/**
 * The cards of Pinwarden's SCIM extension ({@value ScimUsers#CARDS_SCHEMA}) as providers
 * send them.
 */
final class ScimCards {

	private ScimCards() {
	}

	/**
	 * The cards of the extension as an object, {@code {"cards": [...]}}: none when it is
	 * removed, {@code null} when it says nothing of them.
	 */
	static List<String> ofExtension(JsonNode value) {
		if (value == null || value.isNull()) {
			return List.of();
		}
		if (!value.isObject()) {
			throw ScimUsers.invalid("invalidValue", ScimUsers.CARDS_SCHEMA + " must be an object with 'cards'");
		}
		return value.has("cards") ? of(value.get("cards")) : null;
	}

	/**
	 * Card numbers as providers send a multi-valued string: a list of texts or of
	 * {@code {value}}, or one text (Entra ID's single-valued mapping, which may hold
	 * several numbers separated by commas).
	 */
	static List<String> of(JsonNode value) {
		if (value == null || value.isNull()) {
			return List.of();
		}
		List<String> cards = new ArrayList<>();
		for (JsonNode item : value.isArray() ? value : List.of(value)) {
			JsonNode number = item.isObject() ? item.path("value") : item;
			if (!number.isValueNode() || number.isNull()) {
				throw ScimUsers.invalid("invalidValue", "cards must be card numbers: [\"04A22B7C\", ...]");
			}
			for (String part : number.asString().split(",")) {
				if (!part.isBlank()) {
					cards.add(part.strip());
				}
			}
		}
		return cards;
	}

	/** Whether the numbers hold this one, as a card number (normalised) or as text. */
	static boolean contains(List<String> numbers, String number) {
		String wanted = normalised(number);
		return numbers.stream().anyMatch((candidate) -> normalised(candidate).equals(wanted));
	}

	private static String normalised(String number) {
		try {
			return CardNumber.of(number).value();
		}
		catch (CardInvalidException ex) {
			return number;
		}
	}

}
