package dev.pinwarden.auth;

import org.springframework.security.core.Authentication;

/**
 * Whether the account a page session was opened for may still use it: it still exists
 * and, for a user, is active. Implemented by the module that knows the accounts.
 */
public interface SessionAccounts {

	boolean stillValid(Authentication authentication);

}
