package dev.pinwarden.card;

import java.nio.ByteBuffer;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import dev.pinwarden.Audited;
import dev.pinwarden.BulkInsert;
import dev.pinwarden.pin.KeyedSecrets;
import dev.pinwarden.pin.PinKeyRing;
import dev.pinwarden.user.UserService;

/**
 * Users' cards: added, listed, removed, and their holders found by number. A number is
 * stored only as its digest under the current PIN key and found under every key, as PINs
 * are; a card belongs to one user.
 */
@Service
public class Cards implements KeyedSecrets {

	static final int MAX_PER_USER = 10;

	private static final String SELECT = """
			select c.id, c.user_id, c.hint, c.label, c.source, c.created_at, c.last_used_at,
			  case when al.blocked_until > :now then true else false end as locked
			from card c
			  left join attempt_limit al on al.limit_key = concat('card:', cast(c.id as varchar(20)))""";

	/** Keeps a card's digest apart from every PIN's, whose input is digits only. */
	private static final String DIGEST_PREFIX = "card:";

	private final JdbcClient jdbc;

	private final PinKeyRing keys;

	private final UserService users;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final BulkInsert bulk;

	Cards(JdbcClient jdbc, BulkInsert bulk, PinKeyRing keys, UserService users, ApplicationEventPublisher events,
			Clock clock) {
		this.jdbc = jdbc;
		this.bulk = bulk;
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
		long id = key.getKey().longValue();
		this.events
			.publishEvent(Audited.ofUser("card.added", userId, "…" + card.number().hint() + " (" + source + ")"));
		return get(userId, id);
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

	/** The user holding this card, if anybody does. */
	@Transactional(readOnly = true)
	public Optional<Long> findHolder(CardNumber number) {
		return this.jdbc.sql("select user_id from card where digest in (:digests)")
			.param("digests", this.keys.digestsUnderEveryKey(DIGEST_PREFIX + number.value()))
			.query(Long.class)
			.optional();
	}

	/**
	 * Sets the cards a source lists for its users, a batch at a time: a user's cards from
	 * this source that it no longer lists are removed, new ones added; cards an
	 * administrator added or a user registered stay. A card another user holds, one that
	 * is not a card number, or one beyond a user's {@value #MAX_PER_USER} is skipped and
	 * reported on its line, never with its number. The users' rows are the caller's (a
	 * sync holds them): the cards come after them in the lock order.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public List<LineProblem> setFromSource(String source, List<SourceCards> batch) {
		List<LineProblem> problems = new ArrayList<>();
		if (batch.isEmpty()) {
			return problems;
		}
		Long[] userIds = batch.stream().map(SourceCards::userId).toArray(Long[]::new);
		Map<Long, ByteBuffer> fromSource = new HashMap<>();
		Map<Long, Integer> counts = new HashMap<>();
		this.jdbc.sql("select id, user_id, digest, source from card where user_id = any(:ids)")
			.param("ids", userIds)
			.query((ResultSet rs) -> {
				long userId = rs.getLong("user_id");
				counts.merge(userId, 1, Integer::sum);
				if (source.equals(rs.getString("source"))) {
					fromSource.put(rs.getLong("id"), ByteBuffer.wrap(rs.getBytes("digest")));
				}
			});
		Map<SourceCards, List<CardNumber>> numbers = new LinkedHashMap<>();
		List<byte[]> allDigests = new ArrayList<>();
		for (SourceCards user : batch) {
			List<CardNumber> valid = new ArrayList<>();
			for (int i = 0; i < user.numbers().size(); i++) {
				try {
					CardNumber number = CardNumber.of(user.numbers().get(i));
					if (!valid.contains(number)) {
						valid.add(number);
						allDigests.addAll(digests(number));
					}
				}
				catch (CardInvalidException ex) {
					problems.add(new LineProblem(user.line(),
							"card " + (i + 1) + " of the cards field: " + ex.getMessage()));
				}
			}
			numbers.put(user, valid);
		}
		Map<ByteBuffer, Long> holders = holders(allDigests);
		Set<ByteBuffer> kept = new HashSet<>();
		List<Object[]> inserts = new ArrayList<>();
		Timestamp now = Timestamp.from(this.clock.instant());
		numbers.forEach((user, cards) -> {
			int count = counts.getOrDefault(user.userId(), 0);
			for (CardNumber number : cards) {
				List<byte[]> digests = digests(number);
				Long holder = digests.stream()
					.map((digest) -> holders.get(ByteBuffer.wrap(digest)))
					.filter(Objects::nonNull)
					.findFirst()
					.orElse(null);
				if (holder != null && holder != user.userId()) {
					problems.add(new LineProblem(user.line(),
							"card …" + number.hint() + " belongs to another user; skipped"));
				}
				else if (holder != null) {
					digests.forEach((digest) -> kept.add(ByteBuffer.wrap(digest)));
				}
				else if (count >= MAX_PER_USER) {
					problems.add(new LineProblem(user.line(),
							"card …" + number.hint() + " is one more than " + MAX_PER_USER + " cards; skipped"));
				}
				else {
					count++;
					byte[] digest = digests.get(0);
					holders.put(ByteBuffer.wrap(digest), user.userId());
					inserts.add(new Object[] { user.userId(), digest, this.keys.currentKeyId(), number.hint(), source,
							now });
				}
			}
		});
		// the source's cards of these users that it no longer lists
		Long[] removed = fromSource.entrySet()
			.stream()
			.filter((card) -> !kept.contains(card.getValue()))
			.map(Map.Entry::getKey)
			.toArray(Long[]::new);
		if (removed.length > 0) {
			this.jdbc.sql("delete from card where id = any(:ids)").param("ids", removed).update();
		}
		this.bulk.insert("card", List.of("user_id", "digest", "key_id", "hint", "source", "created_at"), inserts);
		return problems;
	}

	/**
	 * The active user holding this card, with what a terminal needs: the card's id, the
	 * end of the card's lock (the attempt limiter's row {@code card:<id>}) and when it
	 * was last used. One statement, on the path of every tap at a terminal.
	 */
	@Transactional(readOnly = true)
	public Optional<CardHolder> findActiveHolder(CardNumber number) {
		return this.jdbc.sql("""
				select c.id, c.key_id, c.last_used_at, al.blocked_until, u.id as user_id, u.username, u.full_name
				from card c
				  join app_user u on u.id = c.user_id and u.active = true
				  left join attempt_limit al on al.limit_key = concat('card:', cast(c.id as varchar(20)))
				where c.digest in (:digests)""")
			.param("digests", this.keys.digestsUnderEveryKey(DIGEST_PREFIX + number.value()))
			.query((rs, row) -> new CardHolder(rs.getLong("id"), rs.getString("key_id"), rs.getLong("user_id"),
					rs.getString("username"), rs.getString("full_name"), instant(rs, "last_used_at"),
					instant(rs, "blocked_until")))
			.optional();
	}

	/**
	 * Notes that the card opened a terminal: its last use, at most once a minute a card,
	 * so that a tap costs no write most of the time; and a card still kept under an older
	 * key is kept under the current one from now on, so that the older key can be
	 * retired.
	 */
	@Transactional
	public void used(CardHolder holder, CardNumber number) {
		Instant now = this.clock.instant();
		boolean stale = holder.lastUsedAt() == null || holder.lastUsedAt().isBefore(now.minus(Duration.ofMinutes(1)));
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
			this.jdbc.sql("update card set last_used_at = :now where id = :id")
				.param("now", Timestamp.from(now))
				.param("id", holder.cardId())
				.update();
		}
	}

	private List<byte[]> digests(CardNumber number) {
		return this.keys.digestsUnderEveryKey(DIGEST_PREFIX + number.value());
	}

	private Map<ByteBuffer, Long> holders(List<byte[]> digests) {
		Map<ByteBuffer, Long> holders = new HashMap<>();
		if (!digests.isEmpty()) {
			this.jdbc.sql("select digest, user_id from card where digest in (:digests)")
				.param("digests", digests)
				.query((ResultSet rs) -> {
					holders.put(ByteBuffer.wrap(rs.getBytes(1)), rs.getLong(2));
				});
		}
		return holders;
	}

	/** The cards a source lists for one of its users, from a line of the source. */
	public record SourceCards(long userId, long line, List<String> numbers) {

		@Override
		public String toString() {
			return "SourceCards[userId=" + this.userId + ", line=" + this.line + ", " + this.numbers.size() + " cards]";
		}

	}

	/** Something wrong with the cards of a line, said without their numbers. */
	public record LineProblem(long line, String message) {
	}

	/** A card's wrong PINs (with card + PIN) are counted under this. */
	public static String limitKey(long cardId) {
		return "card:" + cardId;
	}

	/** An active card holder, as a terminal sees it. */
	public record CardHolder(long cardId, String keyId, long userId, String username, String fullName,
			Instant lastUsedAt, Instant blockedUntil) {
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
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

	@Override
	public String name() {
		return "cards";
	}

	@Override
	public Map<String, Long> countsByKey() {
		Map<String, Long> counts = new TreeMap<>();
		this.jdbc.sql("select key_id, count(*) from card group by key_id").query((ResultSet rs) -> {
			counts.put(rs.getString(1), rs.getLong(2));
		});
		return counts;
	}

	private static Card card(ResultSet rs, int row) throws SQLException {
		return new Card(rs.getLong("id"), rs.getLong("user_id"), rs.getString("hint"), rs.getString("label"),
				rs.getString("source"), instant(rs, "created_at"), instant(rs, "last_used_at"),
				rs.getBoolean("locked"));
	}

}
