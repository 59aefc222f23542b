package dev.pinwarden.settings;

import java.util.Arrays;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import dev.pinwarden.InvalidInputException;

/**
 * What a terminal takes to let a user in: a PIN, a card, either, or both together (the
 * PIN must then belong to the card's holder).
 */
public enum LoginMode {

	PIN("pin"), CARD("card"), CARD_OR_PIN("card-or-pin"), CARD_AND_PIN("card-and-pin");

	private final String value;

	LoginMode(String value) {
		this.value = value;
	}

	@JsonValue
	public String value() {
		return this.value;
	}

	/** Whether a request with a card, a PIN or both is one this mode takes. */
	public boolean takes(boolean card, boolean pin) {
		return switch (this) {
			case PIN -> pin && !card;
			case CARD -> card && !pin;
			case CARD_OR_PIN -> card != pin;
			case CARD_AND_PIN -> card && pin;
		};
	}

	/** What a terminal in this mode is sent, as a person reads it. */
	public String expects() {
		return switch (this) {
			case PIN -> "a PIN: {\"pin\"}";
			case CARD -> "a card: {\"card\"}";
			case CARD_OR_PIN -> "a card or a PIN: {\"card\"} or {\"pin\"}";
			case CARD_AND_PIN -> "a card and its holder's PIN: {\"card\", \"pin\"}";
		};
	}

	@JsonCreator
	public static LoginMode of(String value) {
		return Arrays.stream(values())
			.filter((mode) -> mode.value.equals(value))
			.findFirst()
			.orElseThrow(() -> new InvalidInputException("loginMode", "loginMode must be one of "
					+ Arrays.stream(values()).map(LoginMode::value).collect(Collectors.joining(", "))));
	}

}
