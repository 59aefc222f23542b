package dev.pinwarden.card;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.PreDestroy;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Cards' last uses, noted in memory at each tap and written together every couple of
 * seconds, so that a tap at a terminal writes nothing: the last use is what an
 * administrator reads, a node that dies loses the last seconds of it, and nothing else.
 */
@Component
class CardUses {

	private final JdbcTemplate jdbc;

	private final Map<Long, Instant> pending = new ConcurrentHashMap<>();

	CardUses(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	void used(long cardId, Instant at) {
		this.pending.merge(cardId, at, (a, b) -> a.isAfter(b) ? a : b);
	}

	/**
	 * Writes the uses noted since the last time; a later use stays, an earlier never
	 * wins.
	 */
	@Scheduled(fixedDelayString = "${pinwarden.cards.last-use-interval:2s}")
	@PreDestroy
	void write() {
		if (this.pending.isEmpty()) {
			return;
		}
		List<Object[]> rows = new ArrayList<>();
		for (Long cardId : List.copyOf(this.pending.keySet())) {
			Instant at = this.pending.remove(cardId);
			if (at != null) {
				Timestamp time = Timestamp.from(at);
				rows.add(new Object[] { time, cardId, time });
			}
		}
		// a card removed meanwhile updates nothing
		this.jdbc.batchUpdate(
				"update card set last_used_at = ? where id = ? and (last_used_at is null or last_used_at < ?)", rows);
	}

}
