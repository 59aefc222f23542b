package dev.pinwarden.pin;

/**
 * The PIN key cannot be had, or is not the key the stored PINs were hashed with. The
 * server refuses to start rather than make up a new key: that would silently break every
 * PIN.
 */
public class PinKeyUnavailableException extends RuntimeException {

	private final String action;

	PinKeyUnavailableException(String problem, String action) {
		super(problem);
		this.action = action;
	}

	PinKeyUnavailableException(String problem, String action, Throwable cause) {
		super(problem, cause);
		this.action = action;
	}

	/**
	 * Stored secrets need a key that is not on the ring: starting would make them all
	 * fail.
	 */
	static PinKeyUnavailableException keyMissing(String keyId, PinKeyRing ring, PinProperties properties) {
		return new PinKeyUnavailableException(
				"This database's PINs and secrets were made with PIN key '" + keyId
						+ "', but the configured PIN key is '" + ring.currentKeyId()
						+ "'. Starting with it would make every PIN fail.",
				"Configure the PIN key they were made with (PINWARDEN_PIN_KEY, or the key file " + properties.keyFile()
						+ "); every node of one database needs the same key.");
	}

	/** What the operator should do about it. */
	public String action() {
		return this.action;
	}

}
