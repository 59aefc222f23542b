package dev.pinwarden.user;

import java.util.List;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.pinwarden.pin.TemporaryPins;
import dev.pinwarden.pin.TemporaryPins.CreatedTemporaryPin;
import dev.pinwarden.pin.TemporaryPins.TemporaryPin;

/**
 * An admin's temporary PINs for one user; each operation checks first that the user
 * exists, and a new one is only for an active user, the only kind a terminal opens for.
 */
@Service
public class UserTemporaryPins {

	private final UserService users;

	private final TemporaryPins temporaryPins;

	UserTemporaryPins(UserService users, TemporaryPins temporaryPins) {
		this.users = users;
		this.temporaryPins = temporaryPins;
	}

	@Transactional
	public CreatedTemporaryPin create(long userId, Integer validMinutes) {
		if (!this.users.get(userId).active()) {
			throw new UserInactiveException(userId);
		}
		return this.temporaryPins.create(userId, validMinutes);
	}

	@Transactional(readOnly = true)
	public List<TemporaryPin> list(long userId) {
		this.users.get(userId);
		return this.temporaryPins.list(userId);
	}

	@Transactional
	public void delete(long userId, long temporaryPinId) {
		this.users.get(userId);
		this.temporaryPins.delete(userId, temporaryPinId);
	}

}
