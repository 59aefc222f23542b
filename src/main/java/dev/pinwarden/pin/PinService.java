package dev.pinwarden.pin;

import java.util.List;
import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Gives, takes and looks up users' PINs. Every write holds the {@code pin-writes} lock
 * row until it commits, so a uniqueness check and the insert that follows cannot
 * interleave with another write, on this node or another; the unique index on the digest
 * stays the last guard.
 */
@Service
public class PinService {

	static final String WRITE_LOCK = "pin-writes";

	/** With the length rule keeping PINs sparse, a free PIN is found in a try or two. */
	private static final int MAX_ATTEMPTS = 10_000;

	private final PinRepository pins;

	private final PinKeyRing keys;

	private final PinGenerator generator;

	private final MinimalPinLengthSource settings;

	private final ApplicationEventPublisher events;

	PinService(PinRepository pins, PinKeyRing keys, PinGenerator generator, MinimalPinLengthSource settings,
			ApplicationEventPublisher events) {
		this.pins = pins;
		this.keys = keys;
		this.generator = generator;
		this.settings = settings;
		this.events = events;
	}

	/** Sets a PIN an admin chose, after checking it against the {@link PinPolicy}. */
	@Transactional
	public void setPin(long userId, String pin) {
		PinPolicy.checkChosenPin(pin, this.settings.minimalPinLength());
		this.pins.lock(WRITE_LOCK);
		Optional<Long> holder = this.pins.findHolder(this.keys.digestsUnderEveryKey(pin));
		if (holder.isPresent() && holder.get() != userId) {
			throw new PinTakenException();
		}
		this.pins.replace(userId, this.keys.digest(pin), this.keys.currentKeyId(), pin.length());
	}

	/**
	 * Replaces the user's PIN, if any, by a new random one of the length in force, and
	 * publishes {@link PinsGenerated} so that it can be mailed in the same transaction.
	 */
	@Transactional
	public GeneratedPin generate(long userId, PinsGenerated.Reason reason) {
		this.pins.lock(WRITE_LOCK);
		int length = lengths().generatedPinLength();
		for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
			String candidate = this.generator.next(length);
			List<byte[]> digests = this.keys.digestsUnderEveryKey(candidate);
			if (this.pins.findHolder(digests).isEmpty()) {
				this.pins.replace(userId, digests.get(0), this.keys.currentKeyId(), length);
				GeneratedPin generated = new GeneratedPin(userId, candidate);
				this.events.publishEvent(new PinsGenerated(List.of(generated), reason));
				return generated;
			}
		}
		throw new IllegalStateException("No free PIN of length " + length + " found in " + MAX_ATTEMPTS + " tries");
	}

	/** Removes the user's PIN; false when there was none. */
	@Transactional
	public boolean deletePin(long userId) {
		return this.pins.delete(userId);
	}

	/**
	 * The active user holding this PIN, if any. A deactivated user's PIN finds nobody.
	 */
	@Transactional(readOnly = true)
	public Optional<Long> findActiveHolder(String pin) {
		if (!PinPolicy.isWellFormed(pin)) {
			return Optional.empty();
		}
		return this.pins.findActiveHolder(this.keys.digestsUnderEveryKey(pin));
	}

	@Transactional(readOnly = true)
	public Optional<PinStatus> findStatus(long userId) {
		return this.pins.findStatus(userId);
	}

	@Transactional(readOnly = true)
	public PinLengths lengths() {
		return PinLengths.of(this.pins.countUsers(), this.settings.minimalPinLength());
	}

}
