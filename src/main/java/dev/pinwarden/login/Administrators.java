package dev.pinwarden.login;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.pinwarden.ApplicationException;
import dev.pinwarden.Audited;
import dev.pinwarden.InvalidInputException;
import dev.pinwarden.RetryAfter;
import dev.pinwarden.TextInput;
import dev.pinwarden.attempt.Attempt;
import dev.pinwarden.attempt.AttemptLimiter;
import dev.pinwarden.login.AdminAccounts.Administrator;
import dev.pinwarden.settings.SecuritySettingsService;
import dev.pinwarden.user.UserService;

/**
 * The administrators: their own password changes, and adding and removing others. There
 * is always at least one. Passwords have at least {@value #MIN_PASSWORD_LENGTH}
 * characters and are not the user name; they are stored as bcrypt hashes only.
 */
@Service
public class Administrators {

	static final int MIN_PASSWORD_LENGTH = 12;

	/** bcrypt reads no further than this. */
	private static final int MAX_PASSWORD_BYTES = 72;

	private final AdminAccounts accounts;

	private final PasswordHashes hashes;

	private final AttemptLimiter limiter;

	private final SecuritySettingsService settings;

	private final UserService users;

	private final ApplicationEventPublisher events;

	Administrators(AdminAccounts accounts, PasswordHashes hashes, AttemptLimiter limiter,
			SecuritySettingsService settings, UserService users, ApplicationEventPublisher events) {
		this.accounts = accounts;
		this.hashes = hashes;
		this.limiter = limiter;
		this.settings = settings;
		this.users = users;
		this.events = events;
	}

	public List<Administrator> list() {
		return this.accounts.list();
	}

	/**
	 * An administrator changes their own password, giving the current one, which is
	 * checked within the same budget as their logins from this address.
	 */
	public void changeOwnPassword(String username, PasswordChange change, String address) {
		checkStrength("newPassword", username, change.newPassword());
		String hash = this.accounts.passwordHash(username).orElseThrow(() -> new AdminNotFoundException(username));
		try (Attempt attempt = this.limiter
			.reserve(LoginLimits.forAdministrator(username, address, this.settings.get()))) {
			if (change.currentPassword() == null || !matches(change.currentPassword(), hash)) {
				attempt.failed();
				throw new InvalidInputException("currentPassword", "invalid_password",
						"The current password is not right");
			}
			attempt.succeeded();
		}
		this.accounts.changePassword(username, encode(change.newPassword()));
		this.events.publishEvent(Audited.of("admin.password.changed", "administrator " + username, null));
	}

	public Administrator create(NewAdministrator admin) {
		String username = TextInput.required("username", admin.username(), 100);
		if (username.contains(":")) {
			// HTTP Basic ends the user name at the first colon
			throw new InvalidInputException("username", "username must not contain ':'");
		}
		checkStrength("password", username, admin.password());
		if (this.users.findByUsername(username).isPresent()) {
			throw new AdministratorTakenException(username, "a user");
		}
		try {
			this.accounts.create(username, encode(admin.password()));
		}
		catch (DuplicateKeyException ex) {
			throw new AdministratorTakenException(username, "an administrator");
		}
		this.events.publishEvent(Audited.of("admin.created", "administrator " + username, null));
		return this.accounts.list().stream().filter((a) -> a.username().equals(username)).findFirst().orElseThrow();
	}

	/** Removes an administrator, never the last one (two removals at once take turns). */
	@Transactional
	public void delete(String username) {
		long count = this.accounts.lockAllAndCount();
		if (this.accounts.passwordHash(username).isEmpty()) {
			throw new AdminNotFoundException(username);
		}
		if (count <= 1) {
			throw new LastAdministratorException();
		}
		this.accounts.delete(username);
		this.events.publishEvent(Audited.of("admin.deleted", "administrator " + username, null));
	}

	/** Ends the locks of an administrator's logins from every address. */
	@Transactional
	public void unlock(String username) {
		if (this.accounts.passwordHash(username).isEmpty()) {
			throw new AdminNotFoundException(username);
		}
		if (this.limiter.unlock(LoginLimits.administratorKey(username))) {
			this.events.publishEvent(Audited.of("admin.unlocked", "administrator " + username, null));
		}
	}

	/**
	 * A password check, or a clear 429 when more logins are checked than there are cores.
	 */
	private boolean matches(String raw, String hash) {
		try {
			return this.hashes.matches(raw, hash);
		}
		catch (LoginsBusyException ex) {
			throw new BusyException();
		}
	}

	private String encode(String raw) {
		try {
			return this.hashes.encode(raw);
		}
		catch (LoginsBusyException ex) {
			throw new BusyException();
		}
	}

	private static void checkStrength(String field, String username, String password) {
		if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
			throw new InvalidInputException(field, "password_weak",
					"The password needs at least " + MIN_PASSWORD_LENGTH + " characters");
		}
		if (password.strip().toLowerCase(Locale.ROOT).equals(username.strip().toLowerCase(Locale.ROOT))) {
			throw new InvalidInputException(field, "password_weak", "The password must not be the user name");
		}
		if (password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
			throw new InvalidInputException(field, "password_weak",
					"The password may have at most " + MAX_PASSWORD_BYTES + " bytes (bcrypt reads no further)");
		}
	}

	/** An administrator's own password change. */
	public record PasswordChange(String currentPassword, String newPassword) {

		@Override
		public String toString() {
			return "PasswordChange[<hidden>]";
		}

	}

	/** A new administrator. */
	public record NewAdministrator(String username, String password) {

		@Override
		public String toString() {
			return "NewAdministrator[username=" + this.username + ", password=<hidden>]";
		}

	}

	static class BusyException extends ApplicationException implements RetryAfter {

		BusyException() {
			super(Kind.RATE_LIMITED, "rate_limited", "Too many password checks at once; try again in a moment");
		}

		@Override
		public long retryAfterSeconds() {
			return 1;
		}

	}

	static class AdminNotFoundException extends ApplicationException {

		AdminNotFoundException(String username) {
			super(Kind.NOT_FOUND, "admin_not_found", "There is no administrator '" + username + "'");
		}

	}

	static class LastAdministratorException extends ApplicationException {

		LastAdministratorException() {
			super(Kind.CONFLICT, "last_admin", "The last administrator cannot be removed; add another one first");
		}

	}

	static class AdministratorTakenException extends ApplicationException {

		AdministratorTakenException(String username, String holder) {
			super(Kind.CONFLICT, "username_taken", "The user name '" + username + "' belongs to " + holder);
		}

	}

}
