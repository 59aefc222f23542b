package dev.pinwarden.settings;

import java.util.Arrays;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import dev.pinwarden.InvalidInputException;

/**
 * Whether a user may tie an unknown card to themselves at a terminal, and how they show
 * who they are: not at all, with their PIN, or with a one-time code from their Home page.
 */
public enum CardSelfRegistration {

	OFF("off"), PIN("pin"), CODE("code");

	private final String value;

	CardSelfRegistration(String value) {
		this.value = value;
	}

	@JsonValue
	public String value() {
		return this.value;
	}

	/** What happens to an unknown card, as a person reads it. */
	public String describes() {
		return switch (this) {
			case OFF -> "stay unknown: an administrator adds cards";
			case PIN -> "may be registered by their holder, with their PIN";
			case CODE -> "may be registered by their holder, with a code from their Home page";
		};
	}

	@JsonCreator
	public static CardSelfRegistration of(String value) {
		return Arrays.stream(values())
			.filter((mode) -> mode.value.equals(value))
			.findFirst()
			.orElseThrow(() -> new InvalidInputException("cardSelfRegistration", "cardSelfRegistration must be one of "
					+ Arrays.stream(values()).map(CardSelfRegistration::value).collect(Collectors.joining(", "))));
	}

}
