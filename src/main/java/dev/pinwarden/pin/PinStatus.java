package dev.pinwarden.pin;

import java.time.Instant;

/**
 * What may be said about a user's PIN without revealing it.
 *
 * @param length its number of digits
 * @param keyId the key its digest was made with
 * @param setAt when it was set
 */
public record PinStatus(int length, String keyId, Instant setAt) {

}
