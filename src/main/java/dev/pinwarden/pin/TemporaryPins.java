package dev.pinwarden.pin;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.pinwarden.Audited;
import dev.pinwarden.InvalidInputException;
import dev.pinwarden.jdbc.Rows;

/**
 * Extra PINs that expire: a visitor, a forgotten card, an exam day. They follow the rules
 * of generated PINs (the length in force, no trivial PIN) and are unique among all PINs,
 * since they are picked and written with every share of the PIN-writes lock
 * ({@link PinWrites}): while a sync writes PINs, a new one answers busy. A terminal
 * checks their expiry at the moment of use; expired ones are deleted within a minute or
 * so. At most {@link #MAX_PER_USER} unexpired ones per user.
 */
@Service
public class TemporaryPins implements KeyedSecrets {

	public static final int MAX_PER_USER = 5;

	/** 30 days. */
	public static final int MAX_VALID_MINUTES = 43_200;

	private final JdbcClient jdbc;

	private final PinWrites writes;

	private final PinService pins;

	private final PinKeyRing keys;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	TemporaryPins(JdbcClient jdbc, PinWrites writes, PinService pins, PinKeyRing keys, Clock clock,
			ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.writes = writes;
		this.pins = pins;
		this.keys = keys;
		this.clock = clock;
		this.events = events;
	}

	/**
	 * Gives the user a temporary PIN valid for this many minutes and publishes
	 * {@link TemporaryPinCreated}, so that it is mailed in the same transaction.
	 */
	@Transactional
	public CreatedTemporaryPin create(long userId, Integer validMinutes) {
		if (validMinutes == null || validMinutes < 1 || validMinutes > MAX_VALID_MINUTES) {
			throw new InvalidInputException("validMinutes",
					"validMinutes must be a whole number from 1 to " + MAX_VALID_MINUTES + " (30 days)");
		}
		return this.writes.aloneForOneUser(() -> {
			Instant now = this.clock.instant();
			if (countOf(userId, now) >= MAX_PER_USER) {
				throw new TemporaryPinLimitException();
			}
			int length = this.pins.lengths().generatedPinLength();
			PinCandidates.Candidate free = this.pins.pickFree(length);
			Instant expiresAt = now.plus(Duration.ofMinutes(validMinutes)).truncatedTo(ChronoUnit.SECONDS);
			GeneratedKeyHolder ids = new GeneratedKeyHolder();
			this.jdbc.sql("""
					insert into temporary_pin (user_id, digest, key_id, pin_length, created_at, expires_at)
					values (:userId, :digest, :keyId, :length, :now, :expiresAt)""")
				.param("userId", userId)
				.param("digest", free.digest())
				.param("keyId", this.keys.currentKeyId())
				.param("length", length)
				.param("now", Timestamp.from(now))
				.param("expiresAt", Timestamp.from(expiresAt))
				.update(ids, "id");
			long id = ids.getKey().longValue();
			this.events.publishEvent(new TemporaryPinCreated(userId, free.pin(), expiresAt));
			this.events.publishEvent(Audited.ofUser("temporary-pin.created", userId,
					"temporary PIN " + id + ", " + length + " digits, valid until " + expiresAt));
			return new CreatedTemporaryPin(id, free.pin(), expiresAt);
		});
	}

	/** The user's unexpired temporary PINs, the one that expires first first. */
	@Transactional(readOnly = true)
	public List<TemporaryPin> list(long userId) {
		return this.jdbc.sql("""
				select id, pin_length, created_at, expires_at from temporary_pin
				where user_id = :userId and expires_at > :now order by expires_at, id""")
			.param("userId", userId)
			.param("now", Timestamp.from(this.clock.instant()))
			.query((rs, row) -> new TemporaryPin(rs.getLong("id"), rs.getInt("pin_length"),
					Rows.instant(rs, "created_at"), Rows.instant(rs, "expires_at")))
			.list();
	}

	/**
	 * Deletes one of the user's temporary PINs at once.
	 * @throws TemporaryPinNotFoundException when the user has no such (unexpired) one
	 */
	@Transactional
	public void delete(long userId, long id) {
		int rows = this.jdbc.sql("delete from temporary_pin where id = :id and user_id = :userId and expires_at > :now")
			.param("id", id)
			.param("userId", userId)
			.param("now", Timestamp.from(this.clock.instant()))
			.update();
		if (rows == 0) {
			throw new TemporaryPinNotFoundException(userId, id);
		}
		this.events.publishEvent(Audited.ofUser("temporary-pin.deleted", userId, "temporary PIN " + id));
	}

	/** How many unexpired temporary PINs each of these users that has any holds. */
	@Transactional(readOnly = true)
	public Map<Long, Integer> byUser(Collection<Long> userIds) {
		Map<Long, Integer> counts = new HashMap<>();
		if (!userIds.isEmpty()) {
			this.jdbc.sql("""
					select user_id, count(*) from temporary_pin where user_id = any(:ids) and expires_at > :now
					group by user_id""")
				.param("ids", userIds.toArray(Long[]::new))
				.param("now", Timestamp.from(this.clock.instant()))
				.query((rs) -> {
					counts.put(rs.getLong(1), rs.getInt(2));
				});
		}
		return counts;
	}

	/** Deletes these users' temporary PINs; how many each of those that had any had. */
	@Transactional
	public Map<Long, Integer> deleteOf(Collection<Long> userIds) {
		Map<Long, Integer> counts = new HashMap<>();
		if (userIds.isEmpty()) {
			return counts;
		}
		Long[] ids = userIds.toArray(Long[]::new);
		this.jdbc.sql("select user_id, count(*) from temporary_pin where user_id = any(:ids) group by user_id")
			.param("ids", ids)
			.query((rs) -> {
				counts.put(rs.getLong(1), rs.getInt(2));
			});
		this.jdbc.sql("delete from temporary_pin where user_id = any(:ids)").param("ids", ids).update();
		counts.forEach((userId, count) -> this.events
			.publishEvent(Audited.ofUser("temporary-pin.deleted", userId, count + " temporary PINs")));
		return counts;
	}

	/**
	 * Expired temporary PINs are deleted: they stopped working when they expired, and
	 * their numbers are free again.
	 */
	@Scheduled(fixedDelayString = "${pinwarden.temporary-pins.sweep-interval:1m}", initialDelayString = "PT10S")
	@Transactional
	public int deleteExpired() {
		return this.jdbc.sql("delete from temporary_pin where expires_at <= :now")
			.param("now", Timestamp.from(this.clock.instant()))
			.update();
	}

	private int countOf(long userId, Instant now) {
		return this.jdbc.sql("select count(*) from temporary_pin where user_id = :userId and expires_at > :now")
			.param("userId", userId)
			.param("now", Timestamp.from(now))
			.query(Integer.class)
			.single();
	}

	@Override
	public String name() {
		return "temporaryPins";
	}

	@Override
	public Map<String, Long> countsByKey() {
		Map<String, Long> counts = new TreeMap<>();
		this.jdbc.sql("select key_id, count(*) from temporary_pin group by key_id").query((rs) -> {
			counts.put(rs.getString(1), rs.getLong(2));
		});
		return counts;
	}

	/** A temporary PIN as lists show it: never the PIN. */
	public record TemporaryPin(long id, int length, Instant createdAt, Instant expiresAt) {
	}

	/** A temporary PIN just created: the one answer that shows the PIN. */
	public record CreatedTemporaryPin(long id, String pin, Instant expiresAt) {

		@Override
		public String toString() {
			return "CreatedTemporaryPin[id=" + this.id + ", pin=<hidden>, expiresAt=" + this.expiresAt + "]";
		}

	}

}
