package dev.pinwarden.card;

import java.sql.ResultSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import dev.pinwarden.Audited;
import dev.pinwarden.user.UserCards;

/** What the user module asks of users' cards: how many, and their deletion. */
@Component
class CardsOfUsers implements UserCards {

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	CardsOfUsers(JdbcClient jdbc, ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.events = events;
	}

	@Override
	@Transactional(readOnly = true)
	public Map<Long, Integer> byUser(Collection<Long> userIds) {
		Map<Long, Integer> counts = new HashMap<>();
		if (!userIds.isEmpty()) {
			// an array, not a list of parameters: a sync may ask for 100,000 users
			this.jdbc.sql("select user_id, count(*) from card where user_id = any(:users) group by user_id")
				.param("users", userIds.toArray(Long[]::new))
				.query((ResultSet rs) -> {
					counts.put(rs.getLong(1), rs.getInt(2));
				});
		}
		return counts;
	}

	@Override
	@Transactional
	public Map<Long, Integer> deleteOf(Collection<Long> userIds) {
		Map<Long, Integer> held = byUser(userIds);
		if (!held.isEmpty()) {
			this.jdbc.sql("delete from card where user_id = any(:users)")
				.param("users", held.keySet().toArray(Long[]::new))
				.update();
			held.forEach((userId, count) -> this.events
				.publishEvent(Audited.ofUser("card.removed", userId, count + " cards, with the user's deactivation")));
		}
		return held;
	}

}
