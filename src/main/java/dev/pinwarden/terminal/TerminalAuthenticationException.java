package dev.pinwarden.terminal;

import dev.pinwarden.ApplicationException;

/**
 * A terminal's request that could not be authenticated: bad token, a PIN of nobody, an
 * unknown card.
 */
public class TerminalAuthenticationException extends ApplicationException {

	private TerminalAuthenticationException(String code, String message) {
		super(Kind.UNAUTHORIZED, code, message);
	}

	static TerminalAuthenticationException invalidToken() {
		return new TerminalAuthenticationException("invalid_token",
				"A valid terminal token is required: Authorization: Bearer <token>");
	}

	static TerminalAuthenticationException unknownCard() {
		return new TerminalAuthenticationException("card_unknown", "The card belongs to no active user");
	}

	static TerminalAuthenticationException invalidPin() {
		return new TerminalAuthenticationException("invalid_pin", "The PIN does not belong to an active user");
	}

}
