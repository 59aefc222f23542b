package dev.pinwarden.user;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.pinwarden.Audited;
import dev.pinwarden.TextInput;
import dev.pinwarden.jdbc.JobLocks;
import dev.pinwarden.pin.GeneratedPin;
import dev.pinwarden.pin.PinService;
import dev.pinwarden.pin.PinsGenerated;
import dev.pinwarden.settings.PinSettingsService;

/** The life cycle of users created by hand. */
@Service
public class UserService {

	static final String MANUAL_SOURCE = "manual";

	private final UserRepository users;

	private final PinService pins;

	private final PinSettingsService settings;

	private final ApplicationEventPublisher events;

	private final DepartedCredentials departed;

	UserService(UserRepository users, PinService pins, PinSettingsService settings, DepartedCredentials departed,
			ApplicationEventPublisher events) {
		this.departed = departed;
		this.events = events;
		this.users = users;
		this.pins = pins;
		this.settings = settings;
	}

	/**
	 * Creates a user. A PIN given is checked and set; with none given and "generate PIN
	 * for new users" on, one is generated, counting the new user in the length rule. All
	 * of it commits or none: a refused PIN leaves no user behind.
	 */
	@Transactional
	public CreatedUser create(NewUser newUser) {
		long id = this.users.insert(newUser, MANUAL_SOURCE);
		GeneratedPin generated = null;
		if (newUser.pin() != null) {
			this.pins.setPin(id, newUser.pin());
		}
		else if (this.settings.get().generatePinForNewUsers()) {
			generated = this.pins.generate(id, PinsGenerated.Reason.NEW_USER);
		}
		this.events.publishEvent(Audited.ofUser("user.created", id, newUser.username()));
		return new CreatedUser(get(id), Optional.ofNullable(generated));
	}

	/**
	 * Holds the user's row until the caller's transaction ends, so that a read and the
	 * write after it are not interleaved with another change of the user. A transaction
	 * that changes a user and then its PIN takes this first (see {@link JobLocks}).
	 */
	@Transactional
	public void lock(long id) {
		this.users.lock(id);
	}

	@Transactional(readOnly = true)
	public Optional<User> find(long id) {
		return this.users.findById(id);
	}

	@Transactional(readOnly = true)
	public User get(long id) {
		return find(id).orElseThrow(() -> new UserNotFoundException(id));
	}

	/**
	 * Those of the users with these ids that exist and have an email address, in no
	 * particular order.
	 */
	@Transactional(readOnly = true)
	public List<Recipient> findRecipients(Collection<Long> ids) {
		return this.users.findRecipients(ids);
	}

	/** The numbers the dashboard shows. */
	@Transactional(readOnly = true)
	public UserCounts counts() {
		return this.users.counts();
	}

	/** Users in all, active, active with a PIN, and active without an email address. */
	public record UserCounts(long users, long active, long activeWithPin, long activeWithoutEmail) {
	}

	/** The active user with this user name, or else the one with this email address. */
	@Transactional(readOnly = true)
	public Optional<User> findActiveByLogin(String login) {
		Optional<User> byName = this.users.findByUsername(login).filter(User::active);
		return byName.isPresent() ? byName : this.users.findActiveByEmail(login);
	}

	@Transactional(readOnly = true)
	public Optional<User> findByUsername(String username) {
		return this.users.findByUsername(username);
	}

	@Transactional(readOnly = true)
	public User getByUsername(String username) {
		return findByUsername(username).orElseThrow(() -> new UserNotFoundException(username));
	}

	/**
	 * The users of one source from {@code offset} on, in username order, with their
	 * total: for SCIM's 1-based paging.
	 */
	@Transactional(readOnly = true)
	public UserPage findSlice(String source, long offset, int limit) {
		return new UserPage(this.users.ofSource(source, offset, limit), 0, limit, this.users.countOfSource(source));
	}

	/** A page of users whose username, full name or email contains the query. */
	@Transactional(readOnly = true)
	public UserPage search(UserQuery query) {
		List<User> items = this.users.search(query.text(), (long) query.page() * query.size(), query.size());
		return new UserPage(items, query.page(), query.size(), this.users.count(query.text()));
	}

	/**
	 * An administrator's change: only what it names, so that two admins editing different
	 * fields both win. A user the administrator deactivates stays deactivated when a sync
	 * sees it again as active.
	 */
	@Transactional
	public User update(long id, UserChanges changes) {
		return update(id, changes, true);
	}

	/** A source's change (SCIM): a deactivation the source may undo. */
	@Transactional
	public User updateFromSource(long id, UserChanges changes) {
		return update(id, changes, false);
	}

	private User update(long id, UserChanges changes, boolean byAdmin) {
		User before = get(id);
		this.users.update(id, changes, byAdmin);
		User after = get(id);
		if (before.active() != after.active()) {
			this.events.publishEvent(Audited.ofUser(after.active() ? "user.activated" : "user.deactivated", id, null));
			if (!after.active()) {
				this.departed.deactivated(List.of(id));
				return get(id);
			}
			if (!after.hasPin() && this.settings.get().generatePinForNewUsers()) {
				// back, without the PIN its deactivation deleted: a new one, as a new
				// user gets
				this.pins.generateIfNone(id, PinsGenerated.Reason.NEW_USER);
				return get(id);
			}
		}
		return after;
	}

	/**
	 * Gives a user a new name (a source's rename: SCIM's userName change); the user keeps
	 * its id, PIN, cards and history, and the audit log says old and new name.
	 * @throws UsernameTakenException when another user holds the name, by the
	 * case-insensitive rule names follow
	 */
	@Transactional
	public void rename(long id, String username, String source) {
		String name = TextInput.required("username", username, UserLimits.USERNAME);
		User before = get(id);
		Optional<User> holder = findByUsername(name);
		if (holder.isPresent() && holder.get().id() != id) {
			throw new UsernameTakenException(name);
		}
		if (before.username().equals(name)) {
			return;
		}
		try {
			this.users.rename(id, name);
		}
		catch (DuplicateKeyException ex) {
			// taken by another request at the same moment
			throw new UsernameTakenException(name);
		}
		this.events.publishEvent(Audited.ofUser("user.renamed", id, source + ": " + before.username() + " -> " + name));
	}

	/** Deletes the user and with it the PIN. */
	@Transactional
	public void delete(long id) {
		// the user's row, then the PIN lock, in the order every writer keeps
		this.users.lock(id);
		String username = get(id).username();
		this.pins.deletePin(id);
		if (!this.users.delete(id)) {
			throw new UserNotFoundException(id);
		}
		this.events.publishEvent(new UserDeleted(id));
		this.events.publishEvent(Audited.ofUser("user.deleted", id, username));
	}

	/** A user just created, with the PIN generated for it if one was. */
	public record CreatedUser(User user, Optional<GeneratedPin> generatedPin) {
	}

	public record UserPage(List<User> items, int page, int size, long total) {
	}

}
