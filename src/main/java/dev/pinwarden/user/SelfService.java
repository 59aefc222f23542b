package dev.pinwarden.user;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.pinwarden.ApplicationException;
import dev.pinwarden.settings.PinSettingsService;
import dev.pinwarden.user.SelfServiceDisabledException;
import dev.pinwarden.user.User;
import dev.pinwarden.user.UserPinService;
import dev.pinwarden.user.UserService;
import dev.pinwarden.settings.SecuritySettingsService;

/**
 * A user's own "Generate PIN", at most a few times a day (default 3): enough to replace a
 * PIN that was seen, too few to farm PINs.
 */
@Service
public class SelfService {

	private final UserPinService userPins;

	private final UserService users;

	private final SecuritySettingsService settings;

	private final JdbcClient jdbc;

	private final PinSettingsService pinSettings;

	private final Clock clock;

	SelfService(UserPinService userPins, UserService users, SecuritySettingsService settings, JdbcClient jdbc,
			PinSettingsService pinSettings, Clock clock) {
		this.clock = clock;
		this.userPins = userPins;
		this.users = users;
		this.settings = settings;
		this.jdbc = jdbc;
		this.pinSettings = pinSettings;
	}

	@Transactional
	public UserPinService.OwnPin generatePin(String username) {
		User user = this.users.findByUsername(username).orElseThrow(SelfServiceDisabledException::new);
		if (!this.pinSettings.get().usersCanChangePin()) {
			throw new SelfServiceDisabledException();
		}
		// two requests at once (page and API, two nodes) take turns, so that the count
		// holds; the user's row before the PIN lock (see JobLocks)
		this.users.lock(user.id());
		Instant now = this.clock.instant();
		long usedToday = this.jdbc
			.sql("select count(*) from self_service_use where user_id = :user and used_at > :since")
			.param("user", user.id())
			.param("since", Timestamp.from(now.minus(Duration.ofDays(1))))
			.query(Long.class)
			.single();
		if (usedToday >= this.settings.get().selfServicePerDay()) {
			throw new SelfServiceLimitException();
		}
		UserPinService.OwnPin pin = this.userPins.generateOwnPin(username);
		this.jdbc.sql("insert into self_service_use (user_id, used_at) values (:user, :now)")
			.param("user", user.id())
			.param("now", Timestamp.from(now))
			.update();
		return pin;
	}

	/** The day's generations are used up. */
	public static class SelfServiceLimitException extends ApplicationException {

		SelfServiceLimitException() {
			super(Kind.RATE_LIMITED, "self_service_limit",
					"You have generated as many PINs today as allowed; try again tomorrow or ask your administrator");
		}

	}

}
