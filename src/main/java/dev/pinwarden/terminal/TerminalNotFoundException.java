package dev.pinwarden.terminal;

import dev.pinwarden.ApplicationException;

public class TerminalNotFoundException extends ApplicationException {

	public TerminalNotFoundException(long id) {
		super(Kind.NOT_FOUND, "terminal_not_found", "There is no terminal with id " + id);
	}

}
