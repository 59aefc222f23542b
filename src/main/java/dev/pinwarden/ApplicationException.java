package dev.pinwarden;

import java.util.Map;

/**
 * A failure a caller can act on: it carries a stable machine-readable {@code code} and a
 * message fit to show to a person. Modules throw subclasses of it without knowing HTTP;
 * each {@link Kind} names the one HTTP status that every way of answering (the API's
 * problem details, SCIM's errors, the pages) gives it.
 */
public abstract class ApplicationException extends RuntimeException {

	/** What sort of failure this is, and the HTTP status it is answered with. */
	public enum Kind {

		INVALID(400), NOT_FOUND(404), CONFLICT(409), FORBIDDEN(403), UNAUTHORIZED(401),
		/**
		 * A server this one depends on (a directory, say) failed or could not be reached.
		 */
		UPSTREAM(502),
		/** Too many attempts: wait before trying again. */
		RATE_LIMITED(429),
		/** It existed, and is gone for good (given out once, expired). */
		GONE(410);

		private final int httpStatus;

		Kind(int httpStatus) {
			this.httpStatus = httpStatus;
		}

		public int httpStatus() {
			return this.httpStatus;
		}

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
