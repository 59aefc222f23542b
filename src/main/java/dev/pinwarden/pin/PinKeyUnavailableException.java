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

	/** What the operator should do about it. */
	public String action() {
		return this.action;
	}

}
