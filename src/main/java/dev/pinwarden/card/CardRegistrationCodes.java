package dev.pinwarden.card;

import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.pinwarden.Audited;
import dev.pinwarden.pin.KeyedSecrets;
import dev.pinwarden.pin.OneTimeCodes;
import dev.pinwarden.pin.PinKeyRing;
import dev.pinwarden.user.UserService;

/**
 * The one-time codes with which users register a card at a terminal where
 * self-registration takes a code: taken on the Home page, valid for
 * {@value #VALID_MINUTES} minutes, used once, one per user (a newer replaces the older),
 * kept only as an HMAC (table {@code card_registration_code}).
 */
@Service
public class CardRegistrationCodes implements KeyedSecrets {

	static final int VALID_MINUTES = 10;

	private static final String PURPOSE = "card-code/v1";

	private final JdbcClient jdbc;

	private final OneTimeCodes codes;

	private final PinKeyRing keys;

	private final UserService users;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	CardRegistrationCodes(JdbcClient jdbc, OneTimeCodes codes, PinKeyRing keys, UserService users,
			ApplicationEventPublisher events, Clock clock) {
		this.jdbc = jdbc;
		this.codes = codes;
		this.keys = keys;
		this.users = users;
		this.events = events;
		this.clock = clock;
	}

	/** A new code for this user, as it is shown once, replacing any older one. */
	@Transactional
	public IssuedCode issue(long userId) {
		this.users.lock(userId);
		Instant now = this.clock.instant();
		Instant expiresAt = now.plus(Duration.ofMinutes(VALID_MINUTES));
		String code = this.codes.newCode();
		String keyId = this.codes.currentKeyId();
		this.jdbc.sql("delete from card_registration_code where user_id = :user or expires_at <= :now")
			.param("user", userId)
			.param("now", Timestamp.from(now))
			.update();
		this.jdbc.sql("""
				insert into card_registration_code (user_id, digest, key_id, expires_at)
				values (:user, :digest, :keyId, :expires)""")
			.param("user", userId)
			.param("digest", this.codes.hash(PURPOSE, keyId, code))
			.param("keyId", keyId)
			.param("expires", Timestamp.from(expiresAt))
			.update();
		this.events.publishEvent(Audited.ofUser("card.code.issued", userId, null));
		return new IssuedCode(OneTimeCodes.display(code), expiresAt);
	}

	/**
	 * Uses up the code, once, also when it comes twice at once: the user it was issued
	 * to, if it is valid.
	 */
	@Transactional
	public Optional<Long> redeem(String typed) {
		String code = OneTimeCodes.normalize(typed);
		if (!OneTimeCodes.isWellFormed(code)) {
			return Optional.empty();
		}
		List<byte[]> digests = this.keys.keyIds()
			.stream()
			.map((keyId) -> this.codes.hash(PURPOSE, keyId, code))
			.toList();
		Optional<Long> user = this.jdbc.sql("""
				select user_id from card_registration_code
				where digest in (:digests) and expires_at > :now""")
			.param("digests", digests)
			.param("now", Timestamp.from(this.clock.instant()))
			.query(Long.class)
			.optional();
		// the delete decides between two redemptions at once: one of them deletes the row
		return user.filter((id) -> this.jdbc
			.sql("delete from card_registration_code where user_id = :user and digest in (:digests)")
			.param("user", id)
			.param("digests", digests)
			.update() == 1);
	}

	@Override
	public String name() {
		return "cardRegistrationCodes";
	}

	@Override
	public Map<String, Long> countsByKey() {
		Map<String, Long> counts = new TreeMap<>();
		this.jdbc.sql("select key_id, count(*) from card_registration_code where expires_at > :now group by key_id")
			.param("now", Timestamp.from(this.clock.instant()))
			.query((ResultSet rs) -> {
				counts.put(rs.getString(1), rs.getLong(2));
			});
		return counts;
	}

	/** A code as the user is shown it, once, and when it stops working. */
	public record IssuedCode(String code, Instant expiresAt) {

		@Override
		public String toString() {
			return "IssuedCode[<hidden>, expiresAt=" + this.expiresAt + "]";
		}

	}

}
