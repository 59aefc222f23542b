package dev.pinwarden.pin;

import java.util.List;
import java.util.function.Predicate;

import org.springframework.stereotype.Component;

/**
 * The one way a new PIN is picked: random and never trivial ({@link PinGenerator}), tried
 * until its digests under every key on the ring are free by the caller's measure (the
 * stored PINs, or the PINs a batch has taken already).
 */
@Component
class PinCandidates {

	/**
	 * With the length rule keeping PINs sparse (at most about a tenth of the numbers of a
	 * length in use), a free PIN is found in a try or two.
	 */
	static final int MAX_TRIES = 10_000;

	private final PinGenerator generator;

	private final PinKeyRing keys;

	PinCandidates(PinGenerator generator, PinKeyRing keys) {
		this.generator = generator;
		this.keys = keys;
	}

	/** A PIN of this length whose digests {@code taken} does not hold. */
	Candidate pick(int length, Predicate<List<byte[]>> taken) {
		for (int attempt = 0; attempt < MAX_TRIES; attempt++) {
			String pin = this.generator.next(length);
			List<byte[]> digests = this.keys.digestsUnderEveryKey(pin);
			if (!taken.test(digests)) {
				return new Candidate(pin, digests);
			}
		}
		throw new IllegalStateException("No free PIN of length " + length + " found in " + MAX_TRIES + " tries");
	}

	/**
	 * A picked PIN and its digests under every key, the current key's first.
	 */
	record Candidate(String pin, List<byte[]> digests) {

		/** The digest under the current key: the one to store. */
		byte[] digest() {
			return this.digests.get(0);
		}

		@Override
		public String toString() {
			return "Candidate[<hidden>]";
		}

	}

}
