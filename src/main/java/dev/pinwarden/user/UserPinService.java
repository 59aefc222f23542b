package dev.pinwarden.user;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.pinwarden.pin.GeneratedPin;
import dev.pinwarden.pin.PinService;
import dev.pinwarden.pin.PinsGenerated;

/** An admin's operations on one user's PIN; each checks first that the user exists. */
@Service
public class UserPinService {

	private final UserService users;

	private final PinService pins;

	UserPinService(UserService users, PinService pins) {
		this.users = users;
		this.pins = pins;
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

	@Transactional
	public void deletePin(long userId) {
		this.users.get(userId);
		this.pins.deletePin(userId);
	}

}
