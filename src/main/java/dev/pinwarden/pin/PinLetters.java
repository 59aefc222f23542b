package dev.pinwarden.pin;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.pinwarden.ApplicationException;
import dev.pinwarden.jdbc.BulkInsert;
import dev.pinwarden.jdbc.Rows;

/**
 * The new PINs of users no mail can reach, kept for an administrator to hand out: sealed,
 * each bound to its letters and user, for {@link #KEPT} at most, and given out once
 * ({@link #take}), after which they are erased. Owns {@code pin_letters} and
 * {@code pin_letter}.
 */
@Service
public class PinLetters implements KeyedSecrets {

	/** How long PIN letters wait for their download. */
	static final Duration KEPT = Duration.ofHours(24);

	private static final String PURPOSE = "pin-letter/v1";

	private final JdbcClient jdbc;

	private final BulkInsert bulk;

	private final SecretBox box;

	private final Clock clock;

	PinLetters(JdbcClient jdbc, BulkInsert bulk, SecretBox box, Clock clock) {
		this.jdbc = jdbc;
		this.bulk = bulk;
		this.box = box;
		this.clock = clock;
	}

	/** New, empty letters, in the caller's transaction. */
	long open() {
		Instant now = this.clock.instant();
		GeneratedKeyHolder key = new GeneratedKeyHolder();
		this.jdbc.sql("insert into pin_letters (created_at, expires_at, letters) values (:now, :expires, 0)")
			.param("now", Timestamp.from(now))
			.param("expires", Timestamp.from(now.plus(KEPT)))
			.update(key, "id");
		return key.getKey().longValue();
	}

	/** Adds these users' new PINs to the letters, sealed. */
	void add(long lettersId, List<GeneratedPin> pins) {
		List<Object[]> rows = new ArrayList<>(pins.size());
		for (GeneratedPin pin : pins) {
			SecretBox.Sealed sealed = this.box.seal(PURPOSE, boundTo(lettersId, pin.userId()),
					pin.pin().getBytes(StandardCharsets.US_ASCII));
			rows.add(new Object[] { lettersId, pin.userId(), sealed.content(), sealed.keyId() });
		}
		this.bulk.insert("pin_letter", List.of("letters_id", "user_id", "content", "key_id"), rows);
		this.jdbc.sql("update pin_letters set letters = letters + :count where id = :id")
			.param("count", pins.size())
			.param("id", lettersId)
			.update();
	}

	LettersInfo info(long lettersId) {
		return this.jdbc.sql("select id, letters, expires_at from pin_letters where id = :id")
			.param("id", lettersId)
			.query((rs, row) -> new LettersInfo(rs.getLong(1), rs.getInt(2), Rows.instant(rs, 3)))
			.single();
	}

	/**
	 * The letters' PINs, once: they are erased in the same transaction, and asked again,
	 * or after {@link #KEPT}, the letters are gone. In the order of the users' ids.
	 * @throws PinLettersGoneException when they were taken, expired, or never existed
	 */
	@Transactional
	public List<GeneratedPin> take(long lettersId) {
		Instant now = this.clock.instant();
		int taken = this.jdbc
			.sql("update pin_letters set taken_at = :now where id = :id and taken_at is null and expires_at > :now")
			.param("now", Timestamp.from(now))
			.param("id", lettersId)
			.update();
		if (taken == 0) {
			throw new PinLettersGoneException(lettersId);
		}
		List<GeneratedPin> pins = this.jdbc
			.sql("select user_id, content, key_id from pin_letter where letters_id = :id order by user_id")
			.param("id", lettersId)
			.query((rs, row) -> new GeneratedPin(rs.getLong(1),
					new String(this.box.open(PURPOSE, boundTo(lettersId, rs.getLong(1)),
							new SecretBox.Sealed(rs.getString(3), rs.getBytes(2))), StandardCharsets.US_ASCII)))
			.list();
		this.jdbc.sql("delete from pin_letter where letters_id = :id").param("id", lettersId).update();
		return pins;
	}

	/** Letters nobody downloaded in time are erased; their row says they are gone. */
	@Scheduled(fixedDelayString = "PT5M", initialDelayString = "PT1M")
	void eraseExpired() {
		this.jdbc
			.sql("delete from pin_letter where letters_id in (select id from pin_letters where expires_at <= :now)")
			.param("now", Timestamp.from(this.clock.instant()))
			.update();
	}

	@Override
	public String name() {
		return "pinLetters";
	}

	@Override
	public Map<String, Long> countsByKey() {
		Map<String, Long> counts = new TreeMap<>();
		this.jdbc.sql("select key_id, count(*) from pin_letter group by key_id").query((rs) -> {
			counts.put(rs.getString(1), rs.getLong(2));
		});
		return counts;
	}

	/** Letters waiting for their download, sealed again under the current key. */
	@Override
	@Transactional
	public int resealUnderCurrentKey() {
		String current = this.box.currentKeyId();
		List<Object[]> stale = this.jdbc
			.sql("select letters_id, user_id, content, key_id from pin_letter where key_id <> :current for update")
			.param("current", current)
			.query((rs, row) -> new Object[] { rs.getLong(1), rs.getLong(2), rs.getBytes(3), rs.getString(4) })
			.list();
		for (Object[] letter : stale) {
			long lettersId = (Long) letter[0];
			long userId = (Long) letter[1];
			byte[] plain = this.box.open(PURPOSE, boundTo(lettersId, userId),
					new SecretBox.Sealed((String) letter[3], (byte[]) letter[2]));
			SecretBox.Sealed sealed = this.box.seal(PURPOSE, boundTo(lettersId, userId), plain);
			this.jdbc.sql("""
					update pin_letter set content = :content, key_id = :keyId
					where letters_id = :letters and user_id = :user""")
				.param("content", sealed.content())
				.param("keyId", sealed.keyId())
				.param("letters", lettersId)
				.param("user", userId)
				.update();
		}
		return stale.size();
	}

	private static byte[] boundTo(long lettersId, long userId) {
		return SecretBox.boundTo("pin_letter", PURPOSE, String.valueOf(lettersId), String.valueOf(userId));
	}

	/** Letters as a regeneration answers them: their id, how many, until when. */
	public record LettersInfo(long id, int count, Instant expiresAt) {
	}

	/** 410 {@code pin_letters_gone}. */
	public static class PinLettersGoneException extends ApplicationException {

		PinLettersGoneException(long id) {
			super(Kind.GONE, "pin_letters_gone", "The PIN letters " + id
					+ " are gone: they are given out once, for 24 hours; regenerate the PINs to make new ones");
		}

	}

}
