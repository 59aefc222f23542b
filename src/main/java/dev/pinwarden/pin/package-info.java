/**
 * The PIN core: the rules a PIN must follow ({@link dev.pinwarden.pin.PinPolicy},
 * {@link dev.pinwarden.pin.TrivialPins}), how PINs are generated, how they are kept (only
 * as an HMAC-SHA256 blind index under a key held outside the database, see
 * {@link dev.pinwarden.pin.PinKeyRing}) and the operations that give, take and look up a
 * user's PIN and temporary PINs ({@link dev.pinwarden.pin.TemporaryPins}), and how these
 * writes meet each other ({@link dev.pinwarden.pin.PinWrites}). It knows users only by
 * their id and nothing of the web; other modules depend on it, never the other way round.
 * The one setting it needs, the minimal PIN length, it asks for through
 * {@link dev.pinwarden.pin.MinimalPinLengthSource}.
 */
package dev.pinwarden.pin;
