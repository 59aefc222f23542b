package dev.pinwarden.pin;

/**
 * The lengths in force now.
 *
 * @param userCount users that are not deleted
 * @param minimalPinLength the admin's setting
 * @param requiredLengthForUserCount what the user count demands
 * @param generatedPinLength the length of a PIN generated now
 */
public record PinLengths(long userCount, int minimalPinLength, int requiredLengthForUserCount, int generatedPinLength) {

	static PinLengths of(long userCount, int minimalPinLength) {
		return new PinLengths(userCount, minimalPinLength, PinPolicy.requiredLengthForUserCount(userCount),
				PinPolicy.generatedLength(minimalPinLength, userCount));
	}

}
