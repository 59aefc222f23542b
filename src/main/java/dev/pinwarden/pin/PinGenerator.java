package dev.pinwarden.pin;

import java.security.SecureRandom;

import org.springframework.stereotype.Component;

/**
 * Draws random PINs from {@link SecureRandom}, skipping {@link TrivialPins trivial} ones.
 * Uniqueness is not its concern: the caller checks candidates against the stored PINs.
 */
@Component
public class PinGenerator {

	private final SecureRandom random = new SecureRandom();

	private final TrivialPins trivialPins = TrivialPins.withShippedBlocklist();

	public String next(int length) {
		if (length < PinPolicy.MIN_MINIMAL_LENGTH || length > PinPolicy.MAX_LENGTH) {
			throw new IllegalArgumentException("PIN length out of range: " + length);
		}
		char[] digits = new char[length];
		String candidate;
		do {
			for (int i = 0; i < length; i++) {
				digits[i] = (char) ('0' + this.random.nextInt(10));
			}
			candidate = new String(digits);
		}
		while (this.trivialPins.isTrivial(candidate));
		return candidate;
	}

}
