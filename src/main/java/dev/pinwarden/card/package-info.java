/**
 * ID cards beside PINs: a user's cards (at most 10, table {@code card}, which the
 * terminal's one-statement checks read), kept like PINs only as a keyed blind index (HMAC
 * under the PIN key ring, of the normalised number with a prefix of its own, so that it
 * never equals a PIN's digest) with the last 4 characters as a hint, unique across users;
 * the normalising of a number ({@link dev.pinwarden.card.CardNumber}), the conversions a
 * terminal applies to what its reader sends ({@link dev.pinwarden.card.CardConversion}),
 * cards' last uses (written together, {@link dev.pinwarden.card.CardUses}), the cards
 * sync sources bring ({@link dev.pinwarden.card.SourceCardSync}) and the one-time codes
 * users register a card with ({@code card_registration_code}). A card registered at a
 * terminal is announced as {@link dev.pinwarden.card.CardRegistered}, a synchronous event
 * whose listeners work in the registering transaction. It uses {@code user} to find and
 * lock a card's user, {@code pin} for the keys and codes, {@code attempt} for a card's
 * budget of wrong PINs; it reads {@code app_user} and {@code attempt_limit}, which their
 * owners publish to it, for the dashboard's counts. A user's delete removes the cards and
 * codes by the foreign key.
 */
@OwnedTable(value = "card", readBy = { "terminal" })
@OwnedTable("card_registration_code")
@ApplicationModule(allowedDependencies = { "attempt", "jdbc", "pin", "user" })
package dev.pinwarden.card;

import dev.pinwarden.OwnedTable;
import org.springframework.modulith.ApplicationModule;
