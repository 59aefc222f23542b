package dev.pinwarden.login;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.pinwarden.attempt.AttemptLimiter;
import dev.pinwarden.attempt.Limit;
import dev.pinwarden.settings.SecuritySettings;

/**
 * The budgets a login is checked within. A user's PIN is a few digits: wrong PINs are
 * counted per account, wherever they come from. An administrator's password is long and
 * random enough that guessing it from everywhere at once is hopeless, so wrong passwords
 * are counted per account <em>and source address</em>: nobody can lock the administrator
 * out from somewhere else by failing on purpose. Every login also counts against its
 * source address, with ten times the room (an office behind one router is many people).
 * Accounts also have a daily budget, four windows' worth: whoever stops one short of the
 * budget in every window is still stopped for the day.
 */
public final class LoginLimits {

	private LoginLimits() {
	}

	static List<Limit> forUser(String username, Long userId, String address, SecuritySettings settings) {
		List<Limit> limits = new ArrayList<>();
		limits
			.add(accountLimit(userKey(username), (userId != null) ? "user " + userId : "an unknown account", settings));
		addAddress(limits, address, settings);
		return limits;
	}

	static List<Limit> forAdministrator(String username, String address, SecuritySettings settings) {
		List<Limit> limits = new ArrayList<>();
		String from = (address != null) ? address : "unknown";
		limits.add(accountLimit(administratorKey(username) + ":" + AttemptLimiter.hashedKey("from", from),
				"administrator " + username + " from " + from, settings));
		addAddress(limits, address, settings);
		return limits;
	}

	/**
	 * The most wrong PINs one account's logins answer in a day, however they are spread.
	 */
	public static int mostWrongPinsPerDay(SecuritySettings settings) {
		return accountLimit("account:example", "an account", settings).mostWrongAttemptsPerDay();
	}

	/** The key of a user account's wrong logins. */
	static String userKey(String username) {
		return AttemptLimiter.hashedKey("account", username.toLowerCase(Locale.ROOT));
	}

	/**
	 * The start of the keys of an administrator's wrong logins, one per source address.
	 */
	static String administratorKey(String username) {
		return AttemptLimiter.hashedKey("admin", username.toLowerCase(Locale.ROOT));
	}

	private static void addAddress(List<Limit> limits, String address, SecuritySettings settings) {
		if (address != null) {
			limits.add(limit(AttemptLimiter.hashedKey("address", address), "address " + address,
					10 * settings.loginFailureBudget(), settings));
		}
	}

	private static Limit accountLimit(String key, String subject, SecuritySettings settings) {
		Duration lock = Duration.ofMinutes(settings.loginLockMinutes());
		return new Limit(key, subject, settings.loginFailureBudget(), lock, lock, 4 * settings.loginFailureBudget());
	}

	private static Limit limit(String key, String subject, int budget, SecuritySettings settings) {
		Duration lock = Duration.ofMinutes(settings.loginLockMinutes());
		return new Limit(key, subject, budget, lock, lock);
	}

}
