package dev.pinwarden.card;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.pinwarden.Audited;
import dev.pinwarden.attempt.AttemptLimiter;
import dev.pinwarden.pin.PinKeyRing;
import dev.pinwarden.user.UserService;
import dev.pinwarden.jdbc.Rows;

/**
 * Users' cards: added, listed, removed, and their holders found by number. A number is
 * stored only as its digest under the current PIN key and found under every key, as PINs
 * are; a card belongs to one user.
 */
@Service
public class Cards {

	static final int MAX_PER_USER = 10;

	/** The attempt limiter counts a card's wrong PINs under this and the card's id. */
	public static final String LIMIT_KEY_PREFIX = "card:";

	/** The source of cards an administrator added. */
	public static final String SOURCE_MANUAL = "manual";

	/** The source of cards their holders registered at a terminal. */
	static final String SOURCE_TERMINAL = "terminal";

	private static final String SELECT = """
			select c.id, c.user_id, c.hint, c.label, c.source, c.created_at, c.last_used_at,
			  case when al.blocked_until > :now then true else false end as locked
			from card c
			  left join attempt_limit al on al.limit_key = concat('%s', cast(c.id as varchar(20)))"""
		.formatted(LIMIT_KEY_PREFIX);

	/** Keeps a card's digest apart from every PIN's, whose input is digits only. */
	private static final String DIGEST_PREFIX = "card:";

	/** A card's last use is noted again once it is older than this. */
	static final Duration LAST_USE_RESOLUTION = Duration.ofHours(1);

	private final JdbcClient jdbc;

	private final PinKeyRing keys;

	private final UserService users;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final CardUses uses;

	private final AttemptLimiter limiter;

	Cards(JdbcClient jdbc, PinKeyRing keys, UserService users, CardUses uses, AttemptLimiter limiter,
			ApplicationEventPublisher events, Clock clock) {
		this.uses = uses;
		this.limiter = limiter;
		this.jdbc = jdbc;
		this.keys = keys;
		this.users = users;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * Adds a card to a user.
	 * @throws CardTakenException when a user (this one or another) holds it
	 * @throws CardLimitException when the user has {@value #MAX_PER_USER} already
	 */
	@Transactional
	public Card add(long userId, NewCard card, String source) {
		Card added = insert(userId, card, source);
		this.events
			.publishEvent(Audited.ofUser("card.added", userId, "…" + card.number().hint() + " (" + source + ")"));
		return added;
	}

	/**
	 * Adds an unknown card to the user who showed at a terminal who they are; the user is
	 * noticed ({@link CardRegistered}).
	 * @throws CardTakenException when a user holds it
	 * @throws CardLimitException when the user has {@value #MAX_PER_USER} already
	 */
	@Transactional
	public Card register(long userId, CardNumber number, String terminalName) {
		String label = "registered at " + terminalName;
		Card added = insert(userId, new NewCard(number, label.substring(0, Math.min(label.length(), 100))),
				SOURCE_TERMINAL);
		this.events.publishEvent(
				Audited.ofUser("card.registered", userId, "…" + number.hint() + " at terminal " + terminalName));
		this.events.publishEvent(new CardRegistered(userId, number.hint(), terminalName));
		return added;
	}

	private Card insert(long userId, NewCard card, String source) {
		// the user's row first (see JobLocks): two adds at once count one after the other
		this.users.lock(userId);
		this.users.get(userId);
		if (list(userId).size() >= MAX_PER_USER) {
			throw new CardLimitException();
		}
		if (findHolder(card.number()).isPresent()) {
			throw new CardTakenException();
		}
		GeneratedKeyHolder key = new GeneratedKeyHolder();
		try {
			this.jdbc.sql("""
					insert into card (user_id, digest, key_id, hint, label, source, created_at)
					values (:user, :digest, :keyId, :hint, :label, :source, :now)""")
				.param("user", userId)
				.param("digest", this.keys.digest(DIGEST_PREFIX + card.number().value()))
				.param("keyId", this.keys.currentKeyId())
				.param("hint", card.number().hint())
				.param("label", card.label())
				.param("source", source)
				.param("now", Timestamp.from(this.clock.instant()))
				.update(key, "id");
		}
		catch (DuplicateKeyException ex) {
			// added to another user at the same moment
			throw new CardTakenException();
		}
		return get(userId, key.getKey().longValue());
	}

	/** The user's cards, oldest first. */
	@Transactional(readOnly = true)
	public List<Card> list(long userId) {
		this.users.get(userId);
		return this.jdbc.sql(SELECT + " where c.user_id = :user order by c.id")
			.param("user", userId)
			.param("now", Timestamp.from(this.clock.instant()))
			.query(Cards::card)
			.list();
	}

	@Transactional
	public void remove(long userId, long cardId) {
		Card card = get(userId, cardId);
		this.jdbc.sql("delete from card where id = :id").param("id", cardId).update();
		this.events.publishEvent(Audited.ofUser("card.removed", userId, "…" + card.hint()));
	}

	/**
	 * Ends the card's lock for wrong PINs (and forgets them) before its time: its holder
	 * lost track of the PIN, not the card.
	 */
	public void unlock(long userId, long cardId) {
		Card card = get(userId, cardId);
		if (this.limiter.unlock(limitKey(cardId))) {
			this.events.publishEvent(Audited.ofUser("card.unlocked", userId, "…" + card.hint()));
		}
	}

	/** The user holding this card, if anybody does. */
	@Transactional(readOnly = true)
	public Optional<Long> findHolder(CardNumber number) {
		return this.jdbc.sql("select user_id from card where digest in (:digests)")
			.param("digests", digests(number))
			.query(Long.class)
			.optional();
	}

	/**
	 * Notes that the card opened a terminal: its last use, at most once an hour a card,
	 * written with others shortly after ({@link CardUses}); and a card still kept under
	 * an older key is kept under the current one from now on, so that the older key can
	 * be retired. The last use tells an administrator whether a card is still in use and
	 * since when it is not; to the hour, a card tapped several times a day costs one
	 * write of its row a few times a day rather than at every tap.
	 */
	public void used(CardHolder holder, CardNumber number) {
		Instant now = this.clock.instant();
		boolean stale = holder.lastUsedAt() == null || holder.lastUsedAt().isBefore(now.minus(LAST_USE_RESOLUTION));
		boolean oldKey = !holder.keyId().equals(this.keys.currentKeyId());
		if (oldKey) {
			this.jdbc.sql("update card set digest = :digest, key_id = :keyId, last_used_at = :now where id = :id")
				.param("digest", this.keys.digest(DIGEST_PREFIX + number.value()))
				.param("keyId", this.keys.currentKeyId())
				.param("now", Timestamp.from(now))
				.param("id", holder.cardId())
				.update();
		}
		else if (stale) {
			this.uses.used(holder.cardId(), now);
		}
	}

	/** The digests a card number may be stored as, one under each key of the ring. */
	public List<byte[]> digests(CardNumber number) {
		return this.keys.digestsUnderEveryKey(DIGEST_PREFIX + number.value());
	}

	/** A card's wrong PINs (with card + PIN) are counted under this. */
	public static String limitKey(long cardId) {
		return LIMIT_KEY_PREFIX + cardId;
	}

	/**
	 * An active card holder, as a terminal sees it: the card, the key it is kept under,
	 * its last use, and the end of its lock.
	 */
	public record CardHolder(long cardId, String keyId, long userId, String username, String fullName,
			Instant lastUsedAt, Instant blockedUntil) {
	}

	private Card get(long userId, long cardId) {
		return this.jdbc.sql(SELECT + " where c.id = :id and c.user_id = :user")
			.param("now", Timestamp.from(this.clock.instant()))
			.param("id", cardId)
			.param("user", userId)
			.query(Cards::card)
			.optional()
			.orElseThrow(() -> new CardNotFoundException(userId, cardId));
	}

	private static Card card(ResultSet rs, int row) throws SQLException {
		return new Card(rs.getLong("id"), rs.getLong("user_id"), rs.getString("hint"), rs.getString("label"),
				rs.getString("source"), Rows.instant(rs, "created_at"), Rows.instant(rs, "last_used_at"),
				rs.getBoolean("locked"));
	}

}
