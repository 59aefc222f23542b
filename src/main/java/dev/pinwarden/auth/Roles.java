package dev.pinwarden.auth;

/**
 * Who is logged in: an administrator (password), a user (PIN) or a metrics scraper
 * (token).
 */
public final class Roles {

	public static final String ADMIN = "ADMIN";

	public static final String USER = "USER";

	/** A scraper with the metrics token: {@code /actuator/prometheus} only. */
	public static final String METRICS = "METRICS";

	private Roles() {
	}

}
