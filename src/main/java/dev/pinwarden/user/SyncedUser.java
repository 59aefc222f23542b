package dev.pinwarden.user;

import java.util.List;

import dev.pinwarden.TextInput;

/**
 * A user as a directory or file describes it, checked like a user created by hand.
 *
 * @param line where it came from (a file's line), for error reports; 0 when there is none
 * @param user name, full name, email and an optional PIN to import
 * @param active whether the source says the user is active; {@code null} means yes
 * @param cards the user's card numbers as the source writes them; {@code null} when the
 * source says nothing of cards (a file without the column)
 * @param externalId the source's stable id of the person (a directory's objectGUID or
 * entryUUID, a CSV's externalId column), by which a renamed user is found; {@code null}
 * when the source has none, and the user is found by name
 */
public record SyncedUser(long line, NewUser user, Boolean active, List<String> cards, String externalId) {

	/** The longest stable id kept. */
	public static final int MAX_EXTERNAL_ID_LENGTH = 200;

	public SyncedUser {
		externalId = TextInput.optional("externalId", externalId, MAX_EXTERNAL_ID_LENGTH);
	}

	public SyncedUser(long line, NewUser user, Boolean active) {
		this(line, user, active, null, null);
	}

	/** Whether the user is to be active: unless the source says otherwise. */
	public boolean isActiveUser() {
		return this.active == null || this.active;
	}

	@Override
	public String toString() {
		return "SyncedUser[line=" + this.line + ", " + this.user + ", active=" + this.active + ", cards="
				+ ((this.cards != null) ? this.cards.size() : "-") + ", externalId=" + this.externalId + "]";
	}

}
