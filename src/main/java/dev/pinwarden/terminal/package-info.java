/**
 * Printer terminals: registering, changing and revoking them ({@code terminal}: a random
 * token, shown once, stored only as a SHA-256 hash; a login mode of their own; the card
 * conversion of their reader) and the terminal API that turns a typed PIN, a card or both
 * into the user holding them, each in one query
 * ({@link dev.pinwarden.terminal.TerminalService#findAccess},
 * {@link dev.pinwarden.terminal.TerminalCardAccess}) that reads the tables their owners
 * publish to it for that: {@code pin}, {@code temporary_pin}, {@code card},
 * {@code app_user} and {@code attempt_limit}; the login mode in force, its own or the
 * default, is kept on each terminal's row, rewritten when the default changes
 * ({@link dev.pinwarden.settings.DefaultLoginModeChanged}). It checks within the
 * terminal's budgets of wrong PINs and of unknown cards ({@code attempt}), and a card's
 * budget of wrong PINs typed with it; and registers an unknown card with a PIN or a code
 * through {@code card}. It uses {@code pin} for digests, {@code user} for users and
 * {@code settings} for the default login mode and self-registration.
 */
@OwnedTable("terminal")
@ApplicationModule(allowedDependencies = { "attempt", "auth", "card", "jdbc", "pin", "settings", "user" })
package dev.pinwarden.terminal;

import dev.pinwarden.OwnedTable;
import org.springframework.modulith.ApplicationModule;
