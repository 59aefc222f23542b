package dev.pinwarden.reset;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.pinwarden.Audited;
import dev.pinwarden.mail.ResetCodeMails;
import dev.pinwarden.pin.GeneratedPin;
import dev.pinwarden.pin.PinKeyRing;
import dev.pinwarden.pin.PinService;
import dev.pinwarden.pin.PinsGenerated;
import dev.pinwarden.user.User;
import dev.pinwarden.user.UserService;
import dev.pinwarden.auth.AuthProperties;

/**
 * Lost PINs. A request mails a reset code to the user's address; the code, entered on the
 * web page, gives a new PIN (shown and mailed). Codes are 8 random characters from an
 * alphabet without look-alikes (about 40 bits), stored only as a keyed hash, valid for a
 * few minutes, single use, replaced by a newer code, and dead after a few wrong tries.
 */
@Service
public class PinResets {

	/** No 0/O, 1/I/L: nothing to misread from a mail. */
	private static final String ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

	private static final int CODE_LENGTH = 8;

	private static final String PURPOSE = "reset-code/v1";

	private final JdbcClient jdbc;

	private final UserService users;

	private final PinService pins;

	private final PinKeyRing keys;

	private final ResetCodeMails mails;

	private final AuthProperties properties;

	private final SecureRandom random = new SecureRandom();

	private final ApplicationEventPublisher events;

	PinResets(JdbcClient jdbc, UserService users, PinService pins, PinKeyRing keys, ResetCodeMails mails,
			AuthProperties properties, ApplicationEventPublisher events) {
		this.events = events;
		this.jdbc = jdbc;
		this.users = users;
		this.pins = pins;
		this.keys = keys;
		this.mails = mails;
		this.properties = properties;
	}

	/**
	 * Mails a reset code to the active user with this user name or address, if there is
	 * one with an address. Says nothing about whether there was: the caller answers the
	 * same either way.
	 */
	@Transactional
	public void request(String login) {
		Optional<User> user = find(login).filter((u) -> u.email() != null);
		if (user.isEmpty()) {
			return;
		}
		String code = newCode();
		Instant now = Instant.now();
		// a newer code replaces every older one; two requests at once take turns on the
		// user's row
		this.jdbc.sql("select id from app_user where id = :user for update")
			.param("user", user.get().id())
			.query(Long.class)
			.single();
		long recent = this.jdbc.sql("select count(*) from pin_reset where user_id = :user and created_at > :since")
			.param("user", user.get().id())
			.param("since", Timestamp.from(now.minus(Duration.ofMinutes(1))))
			.query(Long.class)
			.single();
		if (recent > 0) {
			// at most one code a minute: nobody floods a mailbox, nor keeps replacing the
			// code
			return;
		}
		this.jdbc.sql("delete from pin_reset where user_id = :user").param("user", user.get().id()).update();
		this.jdbc.sql("""
				insert into pin_reset (user_id, code_hash, key_id, created_at, expires_at, attempts)
				values (:user, :hash, :keyId, :now, :expires, 0)""")
			.param("user", user.get().id())
			.param("hash", hash(this.keys.currentKeyId(), code))
			.param("keyId", this.keys.currentKeyId())
			.param("now", Timestamp.from(now))
			.param("expires", Timestamp.from(now.plus(Duration.ofMinutes(this.properties.resetCodeValidMinutes()))))
			.update();
		this.mails.queue(user.get(), display(code), this.properties.resetCodeValidMinutes());
		this.events.publishEvent(Audited.ofUser("pin.reset.requested", user.get().id(), null));
	}

	/**
	 * Checks the code; if it is right, uses it up and gives the user a new PIN. A wrong
	 * try counts, and is committed, even though the caller then refuses.
	 */
	@Transactional
	public Optional<GeneratedPin> confirm(String login, String code) {
		Optional<User> user = find(login);
		if (user.isEmpty() || code == null) {
			return Optional.empty();
		}
		Optional<Pending> pending = this.jdbc.sql("""
				select id, code_hash, key_id, attempts from pin_reset
				where user_id = :user and used_at is null and expires_at > :now
				order by id desc fetch first 1 rows only for update""")
			.param("user", user.get().id())
			.param("now", Timestamp.from(Instant.now()))
			.query((rs, row) -> new Pending(rs.getLong(1), rs.getBytes(2), rs.getString(3), rs.getInt(4)))
			.optional();
		if (pending.isEmpty() || pending.get().attempts() >= this.properties.resetCodeMaxAttempts()) {
			return Optional.empty();
		}
		String normalized = normalize(code);
		if (normalized.length() != CODE_LENGTH
				|| !MessageDigest.isEqual(hash(pending.get().keyId(), normalized), pending.get().hash())) {
			this.jdbc.sql("update pin_reset set attempts = attempts + 1 where id = :id")
				.param("id", pending.get().id())
				.update();
			this.events.publishEvent(Audited.ofUser("pin.reset.failed", user.get().id(), "wrong code"));
			return Optional.empty();
		}
		this.jdbc.sql("update pin_reset set used_at = :now where id = :id")
			.param("id", pending.get().id())
			.param("now", Timestamp.from(Instant.now()))
			.update();
		this.events.publishEvent(Audited.ofUser("pin.reset.completed", user.get().id(), null));
		return Optional.of(this.pins.generate(user.get().id(), PinsGenerated.Reason.RESET));
	}

	public int validMinutes() {
		return this.properties.resetCodeValidMinutes();
	}

	private Optional<User> find(String login) {
		if (login == null || login.isBlank() || login.length() > 254) {
			return Optional.empty();
		}
		return this.users.findActiveByLogin(login.strip());
	}

	private String newCode() {
		StringBuilder code = new StringBuilder(CODE_LENGTH);
		for (int i = 0; i < CODE_LENGTH; i++) {
			code.append(ALPHABET.charAt(this.random.nextInt(ALPHABET.length())));
		}
		return code.toString();
	}

	/** As mailed: two groups of four, easier to type. */
	private static String display(String code) {
		return code.substring(0, 4) + "-" + code.substring(4);
	}

	/**
	 * What the user typed, as the code was made: case, spaces and dashes do not matter.
	 */
	private static String normalize(String typed) {
		return typed.toUpperCase(Locale.ROOT).replaceAll("[\\s-]", "");
	}

	private byte[] hash(String keyId, String code) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(this.keys.derivedKey(keyId, PURPOSE), "HmacSHA256"));
			return mac.doFinal(code.getBytes(StandardCharsets.US_ASCII));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private record Pending(long id, byte[] hash, String keyId, int attempts) {
	}

}
