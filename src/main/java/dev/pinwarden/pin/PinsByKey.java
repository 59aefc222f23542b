package dev.pinwarden.pin;

import java.util.Map;

import org.springframework.stereotype.Component;

/**
 * The PINs, as digests under a key: a key that still has PINs is needed until a
 * regeneration gives them new ones under the current key.
 */
@Component
class PinsByKey implements KeyedSecrets {

	private final PinRepository pins;

	PinsByKey(PinRepository pins) {
		this.pins = pins;
	}

	@Override
	public String name() {
		return "pins";
	}

	@Override
	public Map<String, Long> countsByKey() {
		return this.pins.pinsByKey();
	}

}
