package dev.pinwarden.user;

import java.util.List;

/**
 * A user as a directory or file describes it, checked like a user created by hand.
 *
 * @param line where it came from (a file's line), for error reports; 0 when there is none
 * @param user name, full name, email and an optional PIN to import
 * @param active whether the source says the user is active; {@code null} means yes
 * @param cards the user's card numbers as the source writes them; {@code null} when the
 * source says nothing of cards (a file without the column)
 */
public record SyncedUser(long line, NewUser user, Boolean active, List<String> cards) {

	public SyncedUser(long line, NewUser user, Boolean active) {
		this(line, user, active, null);
	}

	/** Whether the user is to be active: unless the source says otherwise. */
	public boolean isActiveUser() {
		return this.active == null || this.active;
	}

	@Override
	public String toString() {
		return "SyncedUser[line=" + this.line + ", " + this.user + ", active=" + this.active + ", cards="
				+ ((this.cards != null) ? this.cards.size() : "-") + "]";
	}

}
