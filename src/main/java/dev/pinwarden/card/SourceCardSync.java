package dev.pinwarden.card;

import java.nio.ByteBuffer;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import dev.pinwarden.jdbc.BulkInsert;
import dev.pinwarden.pin.PinKeyRing;

/** The cards sync sources bring for their users (a CSV's {@code cards} column). */
@Service
public class SourceCardSync {

	private static final int DIGESTS_A_STATEMENT = 5_000;

	private final JdbcClient jdbc;

	private final BulkInsert bulk;

	private final PinKeyRing keys;

	private final Cards cards;

	private final Clock clock;

	SourceCardSync(JdbcClient jdbc, BulkInsert bulk, PinKeyRing keys, Cards cards, Clock clock) {
		this.jdbc = jdbc;
		this.bulk = bulk;
		this.keys = keys;
		this.cards = cards;
		this.clock = clock;
	}

	/**
	 * Sets the cards a source lists for its users, a batch at a time: a user's cards from
	 * this source that it no longer lists are removed, new ones added; cards an
	 * administrator added or a user registered stay. A card another user holds, one that
	 * is not a card number, or one beyond a user's {@value Cards#MAX_PER_USER} is skipped
	 * and reported on its line, never with its number. The users' rows are the caller's
	 * (a sync holds them): the cards come after them in the lock order.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public List<LineProblem> setFromSource(String source, List<SourceCards> batch) {
		return apply(source, batch, true);
	}

	/**
	 * Adds cards to, and removes cards from, those a source has given one user, leaving
	 * its others (a SCIM provider's {@code add} and {@code remove}); otherwise as
	 * {@link #setFromSource}. A number to remove that the user does not have from this
	 * source is none of its cards, and is let be.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public List<LineProblem> changeFromSource(String source, long userId, List<String> added, List<String> removed) {
		List<byte[]> digests = new ArrayList<>();
		for (String text : removed) {
			try {
				digests.addAll(this.cards.digests(CardNumber.of(text)));
			}
			catch (CardInvalidException ex) {
				// not a card number: not one of the user's cards either
			}
		}
		if (!digests.isEmpty()) {
			this.jdbc.sql("delete from card where user_id = :userId and source = :source and digest in (:digests)")
				.param("userId", userId)
				.param("source", source)
				.param("digests", digests)
				.update();
		}
		return added.isEmpty() ? List.of() : apply(source, List.of(new SourceCards(userId, 0, added)), false);
	}

	/**
	 * The batch's cards: all the source's cards of its users ({@code whole}), or cards to
	 * add beside those the source gave them before.
	 */
	private List<LineProblem> apply(String source, List<SourceCards> batch, boolean whole) {
		List<LineProblem> problems = new ArrayList<>();
		if (batch.isEmpty()) {
			return problems;
		}
		Long[] userIds = batch.stream().map(SourceCards::userId).toArray(Long[]::new);
		Map<Long, ByteBuffer> fromSource = new HashMap<>();
		// the cards that stay whatever this source lists: an administrator's, a user's,
		// and when it lists only cards to add, its own
		Map<Long, Integer> othersCounts = new HashMap<>();
		this.jdbc.sql("select id, user_id, digest, source from card where user_id = any(:ids)")
			.param("ids", userIds)
			.query((ResultSet rs) -> {
				if (whole && source.equals(rs.getString("source"))) {
					fromSource.put(rs.getLong("id"), ByteBuffer.wrap(rs.getBytes("digest")));
				}
				else {
					othersCounts.merge(rs.getLong("user_id"), 1, Integer::sum);
				}
			});
		Set<ByteBuffer> ourDigests = new HashSet<>(fromSource.values());
		Map<SourceCards, List<CardNumber>> numbers = new LinkedHashMap<>();
		List<byte[]> allDigests = new ArrayList<>();
		for (SourceCards user : batch) {
			List<CardNumber> valid = new ArrayList<>();
			for (int i = 0; i < user.numbers().size(); i++) {
				try {
					CardNumber number = CardNumber.of(user.numbers().get(i));
					if (!valid.contains(number)) {
						valid.add(number);
						allDigests.addAll(this.cards.digests(number));
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
			// the cards it keeps count before those it adds, which the cards it drops
			// make room for
			int count = othersCounts.getOrDefault(user.userId(), 0);
			// the numbers to add, with the digest each is stored by
			Map<CardNumber, byte[]> added = new LinkedHashMap<>();
			for (CardNumber number : cards) {
				List<byte[]> digests = this.cards.digests(number);
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
					// the user's already; counted above unless it is this source's
					boolean ours = false;
					for (byte[] digest : digests) {
						ours |= ourDigests.contains(ByteBuffer.wrap(digest));
						kept.add(ByteBuffer.wrap(digest));
					}
					count += ours ? 1 : 0;
				}
				else {
					added.put(number, digests.get(0));
				}
			}
			int room = Math.max(0, Cards.MAX_PER_USER - count);
			List<Map.Entry<CardNumber, byte[]>> toAdd = List.copyOf(added.entrySet());
			for (Map.Entry<CardNumber, byte[]> card : toAdd.subList(0, Math.min(room, toAdd.size()))) {
				holders.put(ByteBuffer.wrap(card.getValue()), user.userId());
				inserts.add(new Object[] { user.userId(), card.getValue(), this.keys.currentKeyId(),
						card.getKey().hint(), source, now });
			}
			if (toAdd.size() > room) {
				problems.add(new LineProblem(user.line(),
						(toAdd.size() - room) + " cards (the first …" + toAdd.get(room).getKey().hint()
								+ ") are more than the " + Cards.MAX_PER_USER + " a user may have; skipped"));
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

	private Map<ByteBuffer, Long> holders(List<byte[]> digests) {
		Map<ByteBuffer, Long> holders = new HashMap<>();
		// a batch's lines may list any number of cards: a statement takes at most so many
		// parameters (PostgreSQL's driver: 65,535)
		for (int from = 0; from < digests.size(); from += DIGESTS_A_STATEMENT) {
			this.jdbc.sql("select digest, user_id from card where digest in (:digests)")
				.param("digests", digests.subList(from, Math.min(digests.size(), from + DIGESTS_A_STATEMENT)))
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

}
