package dev.pinwarden.pin;

/**
 * Where the PIN core reads the admin's minimal PIN length from. Implemented by the
 * settings module, so that the core does not depend on how settings are stored.
 */
@FunctionalInterface
public interface MinimalPinLengthSource {

	int minimalPinLength();

}
