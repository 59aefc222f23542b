package dev.pinwarden.auth;

/** Who is logged in: an administrator (password) or a user (PIN). */
public final class Roles {

	public static final String ADMIN = "ADMIN";

	public static final String USER = "USER";

	private Roles() {
	}

}
