package dev.pinwarden.user;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.pinwarden.pin.PinService;
import dev.pinwarden.settings.PinSettingsService;

/**
 * The PINs and cards of users who left: with {@code deleteCredentialsOnDeactivation} on,
 * a deactivation (by hand, by a sync, by SCIM) deletes them in its own transaction, so
 * that departed users keep no number taken; and a one-time action deletes them for users
 * deactivated before. The callers hold the users' rows, as every writer takes them before
 * the PIN-writes lock.
 */
@Service
public class DepartedCredentials {

	private final PinService pins;

	private final UserCards cards;

	private final PinSettingsService settings;

	private final UserRepository users;

	DepartedCredentials(PinService pins, UserCards cards, PinSettingsService settings, UserRepository users) {
		this.pins = pins;
		this.cards = cards;
		this.settings = settings;
		this.users = users;
	}

	/**
	 * These users were just deactivated: their credentials go, if the setting says so.
	 */
	@Transactional
	public void deactivated(List<Long> userIds) {
		if (!userIds.isEmpty() && this.settings.get().deleteCredentialsOnDeactivation()) {
			delete(userIds);
		}
	}

	/**
	 * Deletes the PINs and cards every deactivated user still holds; what was deleted.
	 */
	@Transactional
	public Deleted deleteOfDeactivated() {
		return delete(this.users.lockDeactivated());
	}

	private Deleted delete(List<Long> userIds) {
		Set<Long> holders = new HashSet<>(this.cards.byUser(userIds).keySet());
		List<Long> withPin = this.pins.deletePins(userIds);
		holders.addAll(withPin);
		int cardsDeleted = this.cards.deleteOf(userIds);
		return new Deleted(holders.size(), withPin.size(), 0, cardsDeleted);
	}

	/**
	 * What a deletion came to: users who held anything, PINs, temporary PINs (none yet:
	 * there are none), cards.
	 */
	public record Deleted(int users, int pins, int temporaryPins, int cards) {
	}

}
