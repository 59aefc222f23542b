package dev.pinwarden.card;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.PreDestroy;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Cards' last uses, noted in memory at each tap and written together every couple of
 * seconds in one statement, so that a tap at a terminal writes nothing: the last use is
 * what an administrator reads, and a node that dies loses the last seconds of it, nothing
 * else.
 */
@Component
class CardUses {

	private final JdbcClient jdbc;

	private final Map<Long, Instant> pending = new ConcurrentHashMap<>();

	CardUses(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void used(long cardId, Instant at) {
		this.pending.merge(cardId, at, (a, b) -> a.isAfter(b) ? a : b);
	}

	/**
	 * Writes the uses noted since the last time, in one statement: each card's last use
	 * becomes the latest of them, a couple of seconds off at most, which a last use noted
	 * to the hour does not show.
	 */
	@Scheduled(fixedDelayString = "${pinwarden.cards.last-use-interval:2s}")
	@PreDestroy
	void write() {
		if (this.pending.isEmpty()) {
			return;
		}
		List<Long> ids = new ArrayList<>();
		Instant latest = Instant.EPOCH;
		for (Long cardId : List.copyOf(this.pending.keySet())) {
			Instant at = this.pending.remove(cardId);
			if (at != null) {
				ids.add(cardId);
				latest = at.isAfter(latest) ? at : latest;
			}
		}
		// a card removed meanwhile updates nothing; a later use stays
		this.jdbc.sql("""
				update card set last_used_at = :at
				where id = any(:ids) and (last_used_at is null or last_used_at < :at)""")
			.param("at", Timestamp.from(latest))
			.param("ids", ids.toArray(Long[]::new))
			.update();
	}

}
