package dev.pinwarden.settings;

/**
 * The PIN section of the authentication settings.
 *
 * @param usersCanChangePin users may generate a new PIN for themselves
 * @param minimalPinLength the shortest PIN allowed, 4 to 16
 * @param generatePinForNewUsers users created by hand or by a sync get a generated PIN
 * @param sendPinByEmail every newly generated PIN is mailed to its user
 * @param deleteCredentialsOnDeactivation deactivating a user deletes its PIN and cards
 * @param version for optimistic locking
 */
public record PinSettings(boolean usersCanChangePin, int minimalPinLength, boolean generatePinForNewUsers,
		boolean sendPinByEmail, boolean deleteCredentialsOnDeactivation, int version) {

	/**
	 * These settings with a change applied. Turning "generate PIN for new users" on turns
	 * "send new PIN via email" on too: a generated PIN nobody is told about is of no use.
	 */
	PinSettings apply(PinSettingsChange change) {
		boolean generate = valueOr(change.generatePinForNewUsers(), this.generatePinForNewUsers);
		boolean send = valueOr(change.sendPinByEmail(), this.sendPinByEmail);
		if (generate && !this.generatePinForNewUsers) {
			send = true;
		}
		return new PinSettings(valueOr(change.usersCanChangePin(), this.usersCanChangePin),
				valueOr(change.minimalPinLength(), this.minimalPinLength), generate, send,
				valueOr(change.deleteCredentialsOnDeactivation(), this.deleteCredentialsOnDeactivation),
				this.version + 1);
	}

	private static <T> T valueOr(T value, T current) {
		return (value != null) ? value : current;
	}

}
