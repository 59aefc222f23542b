package dev.pinwarden.terminal;

import java.nio.ByteBuffer;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.pinwarden.ApplicationException;
import dev.pinwarden.card.CardNumber;
import dev.pinwarden.card.Cards;
import dev.pinwarden.card.Cards.CardHolder;
import dev.pinwarden.settings.LoginMode;
import dev.pinwarden.jdbc.Rows;

/**
 * What a tap at a terminal needs, in one statement as a PIN check is: the terminal
 * holding the token (unless revoked), its login mode, the ends of its locks (wrong PINs,
 * unknown cards), the active holder of the card its reader sent (after the terminal's
 * conversion), and, with a PIN, the end of the card's lock and whether the PIN is the
 * holder's. Only when it is not, and the tap has passed every lock, is a second statement
 * asked whether it is one of the holder's unexpired temporary PINs: most taps bring the
 * right PIN, and a subquery in the first statement would cost every tap its start-up. The
 * card's digests depend on the terminal's conversion, which the statement reads: the
 * conversion a terminal had at its last tap on this node is used to compute them, and the
 * statement is run again in the rare case the terminal's conversion has changed since.
 * Like {@link TerminalService#findAccess} it reads the tables of the card, user, pin and
 * attempt modules, because a round trip costs a busy node more than the query.
 */
@Component
class TerminalCardAccess {

	private static final String TAP = """
			select t.id, t.login_mode_in_force, t.card_conversion,
			  al.blocked_until, alc.blocked_until as cards_blocked_until,
			  c.id as card_id, c.key_id as card_key_id, c.last_used_at, %4$s as card_blocked_until,
			  u.id as user_id, u.username, u.full_name, %5$s as pin_matches
			from terminal t
			  left join attempt_limit al on al.limit_key = concat('%1$s', cast(t.id as varchar(20)))
			  left join attempt_limit alc on alc.limit_key = concat('%1$s', cast(t.id as varchar(20)), '%2$s')
			  left join card c on c.digest in (:cards)
			  left join app_user u on u.id = c.user_id and u.active = true
			  %3$s
			where t.token_hash = :hash and t.revoked_at is null""";

	/**
	 * A tap alone: no PIN to look up, and no lock of the card's (wrong PINs typed with
	 * it), which only a tap with a PIN is refused by.
	 */
	private static final String CARD_TAP = TAP.formatted(TerminalAuthentication.KEY_PREFIX,
			TerminalAuthentication.UNKNOWN_CARDS_SUFFIX, "", "cast(null as timestamp with time zone)", "0");

	/**
	 * A tap with a PIN typed: the card's lock, and whether the PIN is the card holder's.
	 */
	private static final String CARD_AND_PIN_TAP = TAP.formatted(TerminalAuthentication.KEY_PREFIX,
			TerminalAuthentication.UNKNOWN_CARDS_SUFFIX,
			"left join attempt_limit alk on alk.limit_key = concat('%s', cast(c.id as varchar(20)))"
				.formatted(Cards.LIMIT_KEY_PREFIX),
			"alk.blocked_until",
			"case when exists (select 1 from pin p where p.user_id = u.id and p.digest in (:pins)) then 1 else 0 end");

	/**
	 * Whether a PIN that is not the holder's PIN is one of the holder's temporary PINs.
	 */
	private static final String TEMPORARY_PIN_OF = """
			select count(*) from temporary_pin
			where user_id = :userId and digest in (:pins) and expires_at > :now""";

	/** Matches no stored digest: for a number that has none, or no PIN. */
	private static final List<byte[]> NONE = List.of(new byte[0]);

	private final JdbcClient jdbc;

	private final TerminalService terminals;

	private final Cards cards;

	/** Each terminal's conversion as stored, by token hash, as of its last tap here. */
	private final Map<ByteBuffer, Optional<String>> conversions = new ConcurrentHashMap<>();

	private final Clock clock;

	TerminalCardAccess(JdbcClient jdbc, TerminalService terminals, Cards cards, Clock clock) {
		this.clock = clock;
		this.jdbc = jdbc;
		this.terminals = terminals;
		this.cards = cards;
	}

	/**
	 * The reader's number as the terminal holding this token converts it, by the
	 * conversion it had at its last tap on this node. The tap's own number differs only
	 * when the conversion has changed since.
	 */
	Reading read(byte[] tokenHash, String card) {
		String conversion = this.conversions.getOrDefault(ByteBuffer.wrap(tokenHash), Optional.empty()).orElse(null);
		return new Reading(tokenHash, card, conversion, convert(card, conversion));
	}

	/**
	 * The tap of this card (as the reader sent it) and PIN ({@code null}: none, or
	 * digests none matches) at the terminal holding this token, if any does.
	 */
	Optional<CardTap> find(byte[] tokenHash, String card, List<byte[]> pinDigests) {
		return find(read(tokenHash, card), pinDigests);
	}

	/** The same, for the reader's number as read. */
	Optional<CardTap> find(Reading reading, List<byte[]> pinDigests) {
		List<byte[]> pins = (pinDigests == null || pinDigests.isEmpty()) ? null : pinDigests;
		Converted converted = reading.converted();
		Optional<Row> row = query(reading.tokenHash(), converted, pins);
		if (row.isPresent() && !Objects.equals(row.get().conversion(), reading.conversion())) {
			// the terminal's conversion changed since this node last saw it
			converted = convert(reading.card(), row.get().conversion());
			row = query(reading.tokenHash(), converted, pins);
		}
		if (row.isEmpty()) {
			return Optional.empty();
		}
		this.conversions.put(ByteBuffer.wrap(reading.tokenHash()), Optional.ofNullable(row.get().conversion()));
		return Optional.of(row.get().tap(converted));
	}

	/**
	 * Whether a PIN (its digests, none: no PIN) that is not the holder's PIN is one of
	 * the holder's unexpired temporary PINs: asked only once the tap has passed every
	 * lock.
	 */
	boolean isTemporaryPin(CardHolder holder, List<byte[]> pins) {
		if (pins == null || pins.isEmpty()) {
			return false;
		}
		return this.jdbc.sql(TEMPORARY_PIN_OF)
			.param("userId", holder.userId())
			.param("pins", pins)
			.param("now", Rows.timestamp(this.clock.instant()))
			.query(Long.class)
			.single() > 0;
	}

	private Converted convert(String card, String conversion) {
		try {
			CardNumber number = this.terminals.conversion(conversion).apply(CardNumber.of(card));
			return new Converted(number, null);
		}
		catch (ApplicationException ex) {
			return new Converted(null, ex);
		}
	}

	private Optional<Row> query(byte[] tokenHash, Converted converted, List<byte[]> pins) {
		JdbcClient.StatementSpec statement = this.jdbc.sql((pins != null) ? CARD_AND_PIN_TAP : CARD_TAP)
			.param("hash", tokenHash)
			.param("cards", (converted.number() != null) ? this.cards.digests(converted.number()) : NONE);
		if (pins != null) {
			statement = statement.param("pins", pins);
		}
		return statement.query(TerminalCardAccess::row).list().stream().findFirst();
	}

	private static Row row(ResultSet rs, int row) throws SQLException {
		Long userId = rs.getObject("user_id", Long.class);
		CardHolder holder = (userId == null) ? null
				: new CardHolder(rs.getLong("card_id"), rs.getString("card_key_id"), userId, rs.getString("username"),
						rs.getString("full_name"), Rows.instant(rs, "last_used_at"),
						Rows.instant(rs, "card_blocked_until"));
		return new Row(rs.getLong("id"), LoginMode.of(rs.getString("login_mode_in_force")),
				rs.getString("card_conversion"), Rows.instant(rs, "blocked_until"),
				Rows.instant(rs, "cards_blocked_until"), holder, rs.getInt("pin_matches") == 1);
	}

	/** The card number after the conversion, or why the reader's number is none. */
	private record Converted(CardNumber number, ApplicationException error) {
	}

	/**
	 * What a reader sent to the terminal holding a token, and the number it makes by the
	 * conversion ({@code null}: none) this node last saw the terminal have.
	 */
	record Reading(byte[] tokenHash, String card, String conversion, Converted converted) {

		/** The card number ({@code null}: the reader's number is none). */
		CardNumber number() {
			return this.converted.number();
		}

		@Override
		public String toString() {
			return "Reading[conversion=" + this.conversion + "]";
		}

	}

	private record Row(long terminalId, LoginMode loginMode, String conversion, Instant blockedUntil,
			Instant cardsBlockedUntil, CardHolder holder, boolean pinMatches) {

		CardTap tap(Converted converted) {
			return new CardTap(this.terminalId, this.loginMode, this.blockedUntil, this.cardsBlockedUntil,
					converted.number(), converted.error(), this.holder, this.pinMatches);
		}

	}

	/**
	 * A tap: the terminal, its login mode and locks, the card number (or the reason the
	 * reader's number is none, to be answered once the terminal may be told), its active
	 * holder ({@code null}: unknown), and whether the PIN is the holder's PIN (not
	 * whether it is a temporary one: see {@link TerminalCardAccess#isTemporaryPin}).
	 */
	record CardTap(long terminalId, LoginMode loginMode, Instant blockedUntil, Instant cardsBlockedUntil,
			CardNumber number, ApplicationException conversionError, CardHolder holder, boolean pinMatches) {

		/** The card number, or the reason there is none. */
		CardNumber numberOrThrow() {
			if (this.conversionError != null) {
				throw this.conversionError;
			}
			return this.number;
		}

	}

}
