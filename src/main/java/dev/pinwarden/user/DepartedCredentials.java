package dev.pinwarden.user;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.pinwarden.pin.PinService;
import dev.pinwarden.pin.TemporaryPins;
import dev.pinwarden.settings.PinSettingsService;

/**
 * The PINs, temporary PINs and cards of users who left: with
 * {@code deleteCredentialsOnDeactivation} on, a deactivation (by hand, by a sync, by
 * SCIM) deletes them in its own transaction, so that departed users keep no number taken;
 * and a one-time action deletes them for users deactivated before. The callers hold the
 * users' rows, as every writer takes them before the PIN-writes lock.
 */
@Service
public class DepartedCredentials {

	private final PinService pins;

	private final UserCards cards;

	private final PinSettingsService settings;

	private final UserRepository users;

	private final SyncedUsers sync;

	private final TemporaryPins temporaryPins;

	DepartedCredentials(PinService pins, TemporaryPins temporaryPins, UserCards cards, PinSettingsService settings,
			UserRepository users, SyncedUsers sync) {
		this.temporaryPins = temporaryPins;
		this.sync = sync;
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
	 * A sync ended: the users it leaves inactive, and those it deactivated as missing,
	 * lose their credentials, if the setting says so. Called once all of its users are
	 * written (the PIN-writes lock comes after users' rows).
	 */
	@Transactional
	public void deactivatedBySync(long runId, List<Long> missing) {
		if (this.settings.get().deleteCredentialsOnDeactivation()) {
			List<Long> inactive = new ArrayList<>(this.sync.inactiveOfRun(runId));
			inactive.addAll(missing);
			if (!inactive.isEmpty()) {
				delete(inactive);
			}
		}
	}

	/**
	 * Deletes the PINs, temporary PINs and cards every deactivated user still holds; what
	 * was deleted.
	 */
	@Transactional
	public Deleted deleteOfDeactivated() {
		return delete(this.users.lockDeactivated());
	}

	private Deleted delete(List<Long> userIds) {
		List<Long> withPin = this.pins.deletePins(userIds);
		Map<Long, Integer> temporaryDeleted = this.temporaryPins.deleteOf(userIds);
		Map<Long, Integer> cardsDeleted = this.cards.deleteOf(userIds);
		Set<Long> holders = new HashSet<>(withPin);
		holders.addAll(temporaryDeleted.keySet());
		holders.addAll(cardsDeleted.keySet());
		return new Deleted(holders.size(), withPin.size(), sum(temporaryDeleted), sum(cardsDeleted));
	}

	private static int sum(Map<Long, Integer> counts) {
		return counts.values().stream().mapToInt(Integer::intValue).sum();
	}

	/**
	 * What a deletion came to: users who held anything, PINs, temporary PINs, cards.
	 */
	public record Deleted(int users, int pins, int temporaryPins, int cards) {
	}

}
