package dev.pinwarden;

import java.util.Map;

/**
 * A failure a caller can act on: it carries a stable machine-readable {@code code} and a
 * message fit to show to a person. Modules throw subclasses of it without knowing HTTP;
 * the web layer turns the {@link Kind} into a status code.
 */
public abstract class ApplicationException extends RuntimeException {

	/** What sort of failure this is, independent of any protocol. */
	public enum Kind {

		INVALID, NOT_FOUND, CONFLICT, FORBIDDEN, UNAUTHORIZED,
		/**
		 * A server this one depends on (a directory, say) failed or could not be reached.
		 */
		UPSTREAM,
		/** Too many attempts: wait before trying again. */
		RATE_LIMITED,
		/** It existed, and is gone for good (given out once, expired). */
		GONE

	}

	private final Kind kind;

	private final String code;

	protected ApplicationException(Kind kind, String code, String message) {
		super(message, null, false, false);
		this.kind = kind;
		this.code = code;
	}

	public Kind kind() {
		return this.kind;
	}

	public String code() {
		return this.code;
	}

	/**
	 * What else a caller needs to act, answered beside the code (for instance how an
	 * unknown card can be registered); never a secret.
	 */
	public Map<String, Object> details() {
		return Map.of();
	}

}
