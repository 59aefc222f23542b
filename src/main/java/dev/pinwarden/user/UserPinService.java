package dev.pinwarden.user;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.pinwarden.pin.GeneratedPin;
import dev.pinwarden.pin.PinService;
import dev.pinwarden.pin.PinsGenerated;
import dev.pinwarden.settings.PinSettings;
import dev.pinwarden.settings.PinSettingsService;

/** An admin's operations on one user's PIN; each checks first that the user exists. */
@Service
public class UserPinService {

	private final UserService users;

	private final PinService pins;

	private final PinSettingsService settings;

	UserPinService(UserService users, PinService pins, PinSettingsService settings) {
		this.users = users;
		this.pins = pins;
		this.settings = settings;
	}

	@Transactional
	public void setPin(long userId, String pin) {
		this.users.get(userId);
		this.pins.setPin(userId, pin);
	}

	@Transactional
	public GeneratedPin generatePin(long userId) {
		this.users.get(userId);
		return this.pins.generate(userId, PinsGenerated.Reason.ADMIN);
	}

	/**
	 * A user's own "Generate PIN", allowed while "Users can change PIN" is on. The new
	 * PIN is mailed like any other generated one.
	 */
	@Transactional
	public OwnPin generateOwnPin(String username) {
		PinSettings settings = this.settings.get();
		if (!settings.usersCanChangePin()) {
			throw new SelfServiceDisabledException();
		}
		User user = this.users.findByUsername(username)
			.filter(User::active)
			.orElseThrow(SelfServiceDisabledException::new);
		GeneratedPin generated = this.pins.generate(user.id(), PinsGenerated.Reason.SELF_SERVICE);
		return new OwnPin(generated.pin(), settings.sendPinByEmail() && user.email() != null);
	}

	/**
	 * A user's own new PIN, shown once; {@code mailed} says whether it is also on its way
	 * by mail.
	 */
	public record OwnPin(String pin, boolean mailed) {

		@Override
		public String toString() {
			return "OwnPin[<hidden>, mailed=" + this.mailed + "]";
		}

	}

	@Transactional
	public void deletePin(long userId) {
		this.users.get(userId);
		this.pins.deletePin(userId);
	}

}
