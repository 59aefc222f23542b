package dev.pinwarden.user;

import dev.pinwarden.TextInput;

/**
 * A user to create by hand. The values are checked when the record is made, so a
 * {@code NewUser} that exists is valid (except its PIN, which the PIN policy checks
 * against the settings in force).
 *
 * @param pin a PIN the admin chose, or {@code null} to let the settings decide (an empty
 * PIN is refused like any other bad one)
 */
public record NewUser(String username, String fullName, String email, String pin) {

	public NewUser {
		username = TextInput.required("username", username, UserLimits.USERNAME);
		fullName = TextInput.optional("fullName", fullName, UserLimits.FULL_NAME);
		email = UserLimits.email(email);
	}

	@Override
	public String toString() {
		return "NewUser[username=" + this.username + ", pin=" + ((this.pin != null) ? "<hidden>" : "none") + "]";
	}

}
