package dev.pinwarden.card;

import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.pinwarden.pin.KeyedSecrets;

/**
 * Cards counted: for the dashboard, and by the PIN key each is kept under
 * ({@link KeyedSecrets}).
 */
@Service
public class CardTally implements KeyedSecrets {

	private final JdbcClient jdbc;

	private final Clock clock;

	CardTally(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * What the dashboard shows of cards: active users with and without one, and the cards
	 * locked now for wrong PINs typed with them.
	 */
	@Transactional(readOnly = true)
	public CardFigures figures() {
		return this.jdbc.sql("""
				select
				  (select count(*) from app_user u where u.active = true
				     and exists (select 1 from card c where c.user_id = u.id)) as with_card,
				  (select count(*) from app_user u where u.active = true
				     and not exists (select 1 from card c where c.user_id = u.id)) as without_card,
				  (select count(*) from attempt_limit al
				   where al.limit_key like :cardKeys and al.blocked_until > :now) as locked""")
			.param("cardKeys", Cards.LIMIT_KEY_PREFIX + "%")
			.param("now", Timestamp.from(this.clock.instant()))
			.query((rs, row) -> new CardFigures(rs.getLong("with_card"), rs.getLong("without_card"),
					rs.getLong("locked")))
			.single();
	}

	/** Active users with a card and without, and cards locked for wrong PINs. */
	public record CardFigures(long activeUsersWithCard, long activeUsersWithoutCard, long locked) {
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

}
