/**
 * Printer terminals: registering, changing and revoking them (a random token, shown once,
 * stored only as a SHA-256 hash; a login mode of their own; the card conversion of their
 * reader) and the terminal API that turns a typed PIN, a card or both into the user
 * holding them, each in one query
 * ({@link dev.pinwarden.terminal.TerminalService#findAccess},
 * {@link dev.pinwarden.terminal.TerminalCardAccess}, which read the pin, card, user,
 * attempt and settings tables for it), within the terminal's budgets of wrong PINs and of
 * unknown cards, and a card's budget of wrong PINs typed with it; and self-registration
 * of an unknown card with a PIN or a code. Owns {@code terminal}; uses {@code card} for
 * cards and codes, {@code pin} for PINs and {@code settings} for the default login mode
 * and self-registration.
 */
package dev.pinwarden.terminal;
