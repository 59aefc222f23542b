/**
 * The attempt limiter: one budget mechanism
 * ({@link dev.pinwarden.attempt.AttemptLimiter}) for everything that checks a guessable
 * secret (terminal PIN checks, logins, reset codes, cards' wrong PINs), with its one
 * table {@code attempt_limit}, which the terminal's one-statement check and the card
 * tally read for a key's lock. It uses no other module but {@code jdbc}; when a key is
 * locked it publishes {@link dev.pinwarden.Audited}, listened to in the transaction that
 * counted the attempt.
 */
@OwnedTable(value = "attempt_limit", readBy = { "card", "terminal" })
@ApplicationModule(allowedDependencies = { "jdbc" })
package dev.pinwarden.attempt;

import dev.pinwarden.OwnedTable;
import org.springframework.modulith.ApplicationModule;
