package dev.pinwarden.pin;

/**
 * A PIN just generated for a user. The clear PIN exists only here, on its way to the one
 * response (and the mail) that announces it; {@link #toString()} keeps it out of logs.
 */
public record GeneratedPin(long userId, String pin) {

	@Override
	public String toString() {
		return "GeneratedPin[userId=" + this.userId + ", pin=<hidden>]";
	}

}
