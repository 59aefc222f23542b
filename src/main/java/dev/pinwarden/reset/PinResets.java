package dev.pinwarden.reset;

import java.security.MessageDigest;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import dev.pinwarden.Audited;
import dev.pinwarden.attempt.Attempt;
import dev.pinwarden.attempt.AttemptLimiter;
import dev.pinwarden.attempt.Limit;
import dev.pinwarden.auth.AuthProperties;
import dev.pinwarden.mail.ResetCodeMails;
import dev.pinwarden.pin.GeneratedPin;
import dev.pinwarden.pin.KeyedSecrets;
import dev.pinwarden.pin.OneTimeCodes;
import dev.pinwarden.pin.PinService;
import dev.pinwarden.pin.PinsGenerated;
import dev.pinwarden.user.User;
import dev.pinwarden.user.UserService;

/**
 * Lost PINs. A request mails a reset code ({@link OneTimeCodes}) to the user's address;
 * the code, entered on the web page, gives a new PIN (shown and mailed). Codes are valid
 * for a few minutes, single use, and replaced by a newer code, at most one a minute.
 * Wrong codes are counted by the {@link AttemptLimiter} per user (a few, then the user's
 * resets are locked for the code's lifetime) and per source address; so are requests per
 * address.
 */
@Service
public class PinResets implements KeyedSecrets {

	/** Reset requests one source address may make per quarter of an hour. */
	static final int REQUESTS_PER_ADDRESS = 10;

	/** What the key for reset codes is derived for. */
	private static final String CODE_PURPOSE = "reset-code/v1";

	private static final Duration QUARTER = Duration.ofMinutes(15);

	private final JdbcClient jdbc;

	private final UserService users;

	private final PinService pins;

	private final OneTimeCodes codes;

	private final ResetCodeMails mails;

	private final AuthProperties properties;

	private final AttemptLimiter limiter;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transactions;

	PinResets(JdbcClient jdbc, UserService users, PinService pins, OneTimeCodes codes, ResetCodeMails mails,
			AuthProperties properties, AttemptLimiter limiter, Clock clock, ApplicationEventPublisher events,
			TransactionTemplate transactions) {
		this.transactions = transactions;
		this.jdbc = jdbc;
		this.users = users;
		this.pins = pins;
		this.codes = codes;
		this.mails = mails;
		this.properties = properties;
		this.limiter = limiter;
		this.clock = clock;
		this.events = events;
	}

	/**
	 * Counts a reset request against its source address, before it is taken.
	 * @throws dev.pinwarden.attempt.AttemptsExhaustedException when the address made too
	 * many
	 */
	public void admitRequest(String address) {
		if (address != null) {
			this.limiter.countFailure(new Limit(AttemptLimiter.hashedKey("reset-request", address),
					"address " + address + " (reset requests)", REQUESTS_PER_ADDRESS, QUARTER, QUARTER));
		}
	}

	/**
	 * Mails a reset code to the active user with this user name or address, if there is
	 * one with an address. Says nothing about whether there was: the caller answers the
	 * same either way. Takes no lock but on the user's code row, so that a sync holding
	 * the user's row does not hold up the request.
	 */
	@Transactional
	public void request(String login) {
		Optional<User> user = find(login).filter((u) -> u.email() != null);
		if (user.isEmpty()) {
			return;
		}
		String code = this.codes.newCode();
		Instant now = this.clock.instant();
		Instant expires = now.plus(Duration.ofMinutes(this.properties.resetCodeValidMinutes()));
		String keyId = this.codes.currentKeyId();
		byte[] hash = this.codes.hash(CODE_PURPOSE, keyId, code);
		// a newer code replaces the older one, but at most one a minute: nobody floods a
		// mailbox, nor keeps replacing the code; two requests at once take turns on the
		// row
		int replaced = this.jdbc.sql("""
				update pin_reset set code_hash = :hash, key_id = :keyId, created_at = :now, expires_at = :expires,
				  used_at = null
				where user_id = :user and created_at <= :aMinuteAgo""")
			.param("hash", hash)
			.param("keyId", keyId)
			.param("now", Timestamp.from(now))
			.param("expires", Timestamp.from(expires))
			.param("user", user.get().id())
			.param("aMinuteAgo", Timestamp.from(now.minus(Duration.ofMinutes(1))))
			.update();
		if (replaced == 0 && !insertFirstCode(user.get().id(), hash, keyId, now, expires)) {
			return;
		}
		this.mails.queue(user.get(), OneTimeCodes.display(code), this.properties.resetCodeValidMinutes());
		this.events.publishEvent(Audited.ofUser("pin.reset.requested", user.get().id(), null));
	}

	/** The user's first code; false if the user has one (from the last minute). */
	private boolean insertFirstCode(long userId, byte[] hash, String keyId, Instant now, Instant expires) {
		boolean hasOne = this.jdbc.sql("select count(*) from pin_reset where user_id = :user")
			.param("user", userId)
			.query(Long.class)
			.single() > 0;
		if (hasOne) {
			return false;
		}
		try {
			this.jdbc.sql("""
					insert into pin_reset (user_id, code_hash, key_id, created_at, expires_at)
					values (:user, :hash, :keyId, :now, :expires)""")
				.param("user", userId)
				.param("hash", hash)
				.param("keyId", keyId)
				.param("now", Timestamp.from(now))
				.param("expires", Timestamp.from(expires))
				.update();
			return true;
		}
		catch (DuplicateKeyException ex) {
			return false; // another request made it just now
		}
	}

	/**
	 * Checks the code within its budgets; if it is right, uses it up and gives the user a
	 * new PIN. An unknown login goes the same way (a budget, a lookup, a keyed hash), so
	 * that it takes as long as a known one.
	 * @throws dev.pinwarden.attempt.AttemptsExhaustedException while the user's resets,
	 * or the address, are locked after too many wrong codes
	 */
	public Optional<GeneratedPin> confirm(String login, String code, String address) {
		Optional<User> user = find(login);
		String typed = OneTimeCodes.normalize(code);
		try (Attempt attempt = this.limiter.reserve(limits(login, user, address))) {
			Instant now = this.clock.instant();
			Optional<Pending> pending = this.jdbc.sql("""
					select id, code_hash, key_id from pin_reset
					where user_id = :user and used_at is null and expires_at > :now""")
				.param("user", user.map(User::id).orElse(-1L))
				.param("now", Timestamp.from(now))
				.query((rs, row) -> new Pending(rs.getLong(1), rs.getBytes(2), rs.getString(3)))
				.optional();
			byte[] hash = this.codes.hash(CODE_PURPOSE, pending.map(Pending::keyId).orElse(this.codes.currentKeyId()),
					typed);
			boolean right = pending.isPresent() && OneTimeCodes.isWellFormed(typed)
					&& MessageDigest.isEqual(hash, pending.get().hash());
			if (!right) {
				attempt.failed();
				user.ifPresent(
						(u) -> this.events.publishEvent(Audited.ofUser("pin.reset.failed", u.id(), "wrong code")));
				return Optional.empty();
			}
			attempt.succeeded();
			// the limiter's transactions are over: only now one of the pool's connections
			return this.transactions.execute((status) -> useUp(pending.get().id(), user.get().id(), now));
		}
	}

	/** Uses the code up, once, also when it comes twice at once, and gives a new PIN. */
	private Optional<GeneratedPin> useUp(long codeId, long userId, Instant now) {
		// the user's row, then the code's, then the PIN lock: the order a user's delete
		// keeps too (see JobLocks)
		this.users.lock(userId);
		boolean used = this.jdbc.sql("update pin_reset set used_at = :now where id = :id and used_at is null")
			.param("id", codeId)
			.param("now", Timestamp.from(now))
			.update() == 1;
		if (!used) {
			return Optional.empty();
		}
		this.events.publishEvent(Audited.ofUser("pin.reset.completed", userId, null));
		return Optional.of(this.pins.generate(userId, PinsGenerated.Reason.RESET));
	}

	/** Codes still waiting to be used: their hashes need their key until they expire. */
	@Override
	public String name() {
		return "resetCodes";
	}

	@Override
	public Map<String, Long> countsByKey() {
		Map<String, Long> counts = new TreeMap<>();
		this.jdbc.sql("""
				select key_id, count(*) from pin_reset where used_at is null and expires_at > :now group by key_id""")
			.param("now", Timestamp.from(this.clock.instant()))
			.query((rs) -> {
				counts.put(rs.getString(1), rs.getLong(2));
			});
		return counts;
	}

	public int validMinutes() {
		return this.properties.resetCodeValidMinutes();
	}

	/**
	 * A user's budget of wrong codes, for the lifetime of a code, and the source
	 * address's, ten times larger. An unknown login has a budget of its own, under its
	 * hashed name.
	 */
	private List<Limit> limits(String login, Optional<User> user, String address) {
		Duration valid = Duration.ofMinutes(this.properties.resetCodeValidMinutes());
		int budget = this.properties.resetCodeMaxAttempts();
		List<Limit> limits = new ArrayList<>();
		limits.add(user
			.map((u) -> new Limit("reset:" + u.id(), "user " + u.id() + " (reset codes)", budget, valid, valid,
					2 * budget))
			.orElseGet(() -> new Limit(
					AttemptLimiter.hashedKey("reset-login", String.valueOf(login).strip().toLowerCase(Locale.ROOT)),
					"an unknown login (reset codes)", budget, valid, valid, 2 * budget)));
		if (address != null) {
			limits.add(new Limit(AttemptLimiter.hashedKey("reset-address", address),
					"address " + address + " (reset codes)", 10 * budget, valid, valid));
		}
		return limits;
	}

	private Optional<User> find(String login) {
		if (login == null || login.isBlank() || login.length() > 254) {
			return Optional.empty();
		}
		return this.users.findActiveByLogin(login.strip());
	}

	private record Pending(long id, byte[] hash, String keyId) {
	}

}
