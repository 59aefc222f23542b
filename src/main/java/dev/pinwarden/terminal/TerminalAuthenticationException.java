package dev.pinwarden.terminal;

import java.util.Map;

import dev.pinwarden.ApplicationException;
import dev.pinwarden.settings.CardSelfRegistration;

/**
 * A terminal's request that could not be authenticated: bad token, a PIN of nobody, an
 * unknown card.
 */
public class TerminalAuthenticationException extends ApplicationException {

	static final String INVALID_TOKEN = "invalid_token";

	private final Map<String, Object> details;

	private TerminalAuthenticationException(String code, String message) {
		this(code, message, Map.of());
	}

	private TerminalAuthenticationException(String code, String message, Map<String, Object> details) {
		super(Kind.UNAUTHORIZED, code, message);
		this.details = details;
	}

	@Override
	public Map<String, Object> details() {
		return this.details;
	}

	static TerminalAuthenticationException invalidToken() {
		return new TerminalAuthenticationException(INVALID_TOKEN,
				"A valid terminal token is required: Authorization: Bearer <token>");
	}

	/** An unknown card, with whether and how its holder may register it here. */
	static TerminalAuthenticationException unknownCard(CardSelfRegistration selfRegistration) {
		return new TerminalAuthenticationException("card_unknown", switch (selfRegistration) {
			case OFF -> "The card belongs to no active user";
			case PIN -> "The card belongs to no active user; its holder may register it with their PIN";
			case CODE ->
				"The card belongs to no active user; its holder may register it with a code from their Home page";
		}, Map.of("selfRegistration", selfRegistration.value()));
	}

	static TerminalAuthenticationException invalidCode() {
		return new TerminalAuthenticationException("invalid_code",
				"The registration code is wrong, used or expired; take a new one on your Home page");
	}

	static TerminalAuthenticationException invalidPin() {
		return new TerminalAuthenticationException("invalid_pin", "The PIN does not belong to an active user");
	}

}
