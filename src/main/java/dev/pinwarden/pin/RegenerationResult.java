package dev.pinwarden.pin;

/**
 * What a mass regeneration did.
 *
 * @param regenerated active users that got a new PIN
 * @param emailed of those, the ones with an email address, to whom the PIN is mailed
 * @param withoutEmail of those, the ones without an address, who must be told otherwise
 * @param pinLength the length of the new PINs
 */
public record RegenerationResult(int regenerated, int emailed, int withoutEmail, int pinLength) {

}
