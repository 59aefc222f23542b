/**
 * Printer terminals: registering, changing and revoking them (a random token, shown once,
 * stored only as a SHA-256 hash; a login mode of their own; the card conversion of their
 * reader) and the terminal API that turns a typed PIN (in one query), a card or both into
 * the user holding them, within the terminal's budgets of wrong PINs and of unknown
 * cards, and a card's budget of wrong PINs typed with it. Owns {@code terminal}; uses
 * {@code card} for cards and {@code settings} for the default login mode.
 */
package dev.pinwarden.terminal;
