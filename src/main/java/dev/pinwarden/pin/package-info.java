/**
 * The PIN core: the rules a PIN must follow ({@link dev.pinwarden.pin.PinPolicy},
 * {@link dev.pinwarden.pin.TrivialPins}), how PINs are generated, how they are kept (only
 * as an HMAC-SHA256 blind index under a key held outside the database, see
 * {@link dev.pinwarden.pin.PinKeyRing}, whose keys are recorded in {@code pin_key}), the
 * operations that give, take and look up a user's PIN ({@code pin}) and temporary PINs
 * ({@code temporary_pin}), PIN letters to print ({@code pin_letters},
 * {@code pin_letter}), PINs a CSV file brings ({@code staged_pin}), and how these writes
 * meet each other ({@link dev.pinwarden.pin.PinWrites}). It knows users by their id, and
 * reads {@code app_user}, which {@code user} publishes to it, for what the PIN rules
 * count: active users, their number, those without an address. It knows nothing of the
 * web and depends on no feature module; the one setting it needs, the minimal PIN length,
 * it asks for through {@link dev.pinwarden.pin.MinimalPinLengthSource}. It announces new
 * PINs as {@link dev.pinwarden.pin.PinsGenerated} and
 * {@link dev.pinwarden.pin.TemporaryPinCreated}, synchronous events whose listeners
 * (mail, audit) work in the transaction that made the PIN.
 */
@OwnedTable(value = "pin", readBy = { "mail", "terminal", "user" })
@OwnedTable(value = "temporary_pin", readBy = { "mail", "terminal" })
@OwnedTable(value = "pin_key", readBy = { "keys" })
@OwnedTable("pin_letters")
@OwnedTable("pin_letter")
@OwnedTable("staged_pin")
@ApplicationModule(allowedDependencies = { "jdbc" })
package dev.pinwarden.pin;

import dev.pinwarden.OwnedTable;
import org.springframework.modulith.ApplicationModule;
