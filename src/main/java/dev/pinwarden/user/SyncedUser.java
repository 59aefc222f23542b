package dev.pinwarden.user;

/**
 * A user as a directory or file describes it, checked like a user created by hand.
 *
 * @param line where it came from (a file's line), for error reports; 0 when there is none
 * @param user name, full name, email and an optional PIN to import
 * @param active whether the source says the user is active; {@code null} means yes
 */
public record SyncedUser(long line, NewUser user, Boolean active) {

	/** Whether the user is to be active: unless the source says otherwise. */
	public boolean isActiveUser() {
		return this.active == null || this.active;
	}

}
