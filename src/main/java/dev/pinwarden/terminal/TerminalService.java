package dev.pinwarden.terminal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.pinwarden.Audited;
import dev.pinwarden.attempt.AttemptLimiter;
import dev.pinwarden.card.CardConversion;
import dev.pinwarden.auth.Tokens;
import dev.pinwarden.settings.LoginMode;
import dev.pinwarden.settings.SecuritySettings;
import dev.pinwarden.jdbc.Rows;

/** Registers, lists and revokes printer terminals, and recognises them by their token. */
@Service
public class TerminalService {

	static final String TOKEN_PREFIX = "pwt_";

	private static final String PIN_ACCESS = """
			select t.id, t.login_mode_in_force, al.blocked_until,
			  u.id as user_id, u.username, u.full_name, case when p.user_id is null then 1 else 0 end as temporary
			from terminal t
			  left join attempt_limit al on al.limit_key = concat('%1$s', cast(t.id as varchar(20)))
			  left join pin p on p.digest in (:digests)
			  left join app_user u on u.active = true and u.id = coalesce(p.user_id,
			    (select tp.user_id from temporary_pin tp where tp.digest in (:digests) and tp.expires_at > :now))
			where t.token_hash = :hash and t.revoked_at is null""".formatted(TerminalAuthentication.KEY_PREFIX);

	private final JdbcClient jdbc;

	private final Tokens tokens;

	private final ApplicationEventPublisher events;

	private final AttemptLimiter limiter;

	private final JsonMapper json;

	/**
	 * Conversions parsed once, by the JSON they are stored as: few terminals, fewer
	 * kinds.
	 */
	private final Map<String, CardConversion> conversions = new ConcurrentHashMap<>();

	private final TerminalLoginModes loginModes;

	private final Clock clock;

	TerminalService(JdbcClient jdbc, Tokens tokens, AttemptLimiter limiter, ApplicationEventPublisher events,
			JsonMapper json, TerminalLoginModes loginModes, Clock clock) {
		this.clock = clock;
		this.loginModes = loginModes;
		this.events = events;
		this.jdbc = jdbc;
		this.tokens = tokens;
		this.limiter = limiter;
		this.json = json;
	}

	@Transactional
	public RegisteredTerminal register(TerminalSetup setup) {
		String token = this.tokens.newToken(TOKEN_PREFIX);
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		this.jdbc.sql("""
				insert into terminal (name, token_hash, created_at, login_mode, login_mode_in_force, card_conversion)
				values (:name, :hash, :now, :mode, :inForce, :conversion)""")
			.param("name", setup.name())
			.param("hash", this.tokens.hash(token))
			.param("now", Rows.timestamp(this.clock.instant()))
			.param("mode", (setup.loginMode() != null) ? setup.loginMode().value() : null)
			.param("inForce", this.loginModes.inForce(setup.loginMode()).value())
			.param("conversion", this.json.writeValueAsString(setup.cardConversion().spec()))
			.update(keys, "id");
		String validName = setup.name();
		long id = keys.getKey().longValue();
		this.events.publishEvent(Audited.of("terminal.registered", "terminal " + id + " (" + validName + ")", null));
		return new RegisteredTerminal(id, validName, token);
	}

	/** Changes a terminal's name, login mode and card conversion. */
	@Transactional
	public Terminal update(long id, TerminalSetup setup) {
		int rows = this.jdbc.sql("""
				update terminal set name = :name, login_mode = :mode, login_mode_in_force = :inForce,
				  card_conversion = :conversion
				where id = :id""")
			.param("id", id)
			.param("name", setup.name())
			.param("mode", (setup.loginMode() != null) ? setup.loginMode().value() : null)
			.param("inForce", this.loginModes.inForce(setup.loginMode()).value())
			.param("conversion", this.json.writeValueAsString(setup.cardConversion().spec()))
			.update();
		if (rows == 0) {
			throw new TerminalNotFoundException(id);
		}
		this.events.publishEvent(Audited.of("terminal.changed", "terminal " + id,
				"login mode " + ((setup.loginMode() != null) ? setup.loginMode().value() : "default")
						+ ", card conversion " + setup.cardConversion().spec()));
		return get(id);
	}

	/**
	 * @throws TerminalNotFoundException when there is no such terminal
	 */
	@Transactional(readOnly = true)
	public Terminal get(long id) {
		return this.jdbc
			.sql("select id, name, created_at, revoked_at, login_mode, card_conversion from terminal where id = :id")
			.param("id", id)
			.query((rs, row) -> terminal(rs))
			.optional()
			.orElseThrow(() -> new TerminalNotFoundException(id));
	}

	@Transactional(readOnly = true)
	public List<Terminal> list() {
		return this.jdbc
			.sql("select id, name, created_at, revoked_at, login_mode, card_conversion from terminal order by id")
			.query((rs, row) -> terminal(rs))
			.list();
	}

	/** What a terminal's reader sends becomes this card number. */
	CardConversion conversion(String stored) {
		if (stored == null) {
			return CardConversion.none();
		}
		return this.conversions.computeIfAbsent(stored,
				(spec) -> CardConversion.of(this.json.readValue(spec, List.class)));
	}

	@Transactional
	public void revoke(long id) {
		int rows = this.jdbc.sql("update terminal set revoked_at = coalesce(revoked_at, :now) where id = :id")
			.param("id", id)
			.param("now", Rows.timestamp(this.clock.instant()))
			.update();
		if (rows == 0) {
			throw new TerminalNotFoundException(id);
		}
		this.events.publishEvent(Audited.of("terminal.revoked", "terminal " + id, null));
	}

	@Transactional
	public void unlock(long id) {
		if (this.jdbc.sql("select count(*) from terminal where id = :id")
			.param("id", id)
			.query(Long.class)
			.single() == 0) {
			throw new TerminalNotFoundException(id);
		}
		if (this.limiter.unlock(TerminalAuthentication.limitKey(id))) {
			this.events.publishEvent(Audited.of("terminal.unlocked", "terminal " + id, null));
		}
	}

	/**
	 * The most wrong PINs one terminal gets answered in a day, however it spreads them:
	 * what the dashboard turns into PINs a guessing terminal can expect to find.
	 */
	public static int mostWrongPinsPerDay(SecuritySettings settings) {
		return TerminalAuthentication.limit(0, settings).mostWrongAttemptsPerDay();
	}

	/**
	 * What a terminal's checks take turns on, on this node: a terminal is one device (see
	 * {@link AttemptLimiter#turn}).
	 */
	static String turnKey(byte[] tokenHash) {
		return "terminal-token:" + HexFormat.of().formatHex(tokenHash);
	}

	/** Whether this can be a terminal token at all, before anything is looked up. */
	static boolean looksLikeToken(String token) {
		return token != null && token.startsWith(TOKEN_PREFIX) && token.length() <= 100;
	}

	/**
	 * What one PIN check at a terminal needs, in one statement: the terminal holding this
	 * token (unless revoked), its login mode in force (its own or the default, kept on
	 * its row by {@link TerminalLoginModes}), the end of its lock (the attempt limiter's
	 * row {@code terminal:<id>}), and the active user whose PIN, or unexpired temporary
	 * PIN, is stored as one of these digests (temporary PINs are looked up only when no
	 * PIN matched: the subquery in {@code coalesce} is not run otherwise). Every print
	 * job takes this path, and on a busy node the database's work per round trip costs
	 * more than the query itself, so it reads the PIN, user and attempt tables (of the
	 * pin, user and attempt modules) here rather than asking them in more queries; only
	 * the columns a terminal is answered with.
	 */
	Optional<TerminalAccess> findAccess(byte[] tokenHash, List<byte[]> pinDigests) {
		// a string that cannot be a PIN has no digest; an empty one matches no stored PIN
		List<byte[]> digests = pinDigests.isEmpty() ? List.of(new byte[0]) : pinDigests;
		return access(PIN_ACCESS, tokenHash, digests);
	}

	private Optional<TerminalAccess> access(String sql, byte[] tokenHash, List<byte[]> digests) {
		List<TerminalAccess> rows = this.jdbc.sql(sql)
			.param("hash", tokenHash)
			.param("digests", digests)
			.param("now", Rows.timestamp(this.clock.instant()))
			.query((rs, row) -> {
				Long userId = rs.getObject("user_id", Long.class);
				return new TerminalAccess(
						rs.getLong("id"), Rows.instant(rs, "blocked_until"), (userId != null)
								? new PinHolder(userId, rs.getString("username"), rs.getString("full_name")) : null,
						LoginMode.of(rs.getString("login_mode_in_force")), rs.getInt("temporary") == 1);
			})
			.list();
		if (rows.isEmpty()) {
			return Optional.empty();
		}
		List<PinHolder> holders = rows.stream().map(TerminalAccess::pinHolder).filter(Objects::nonNull).toList();
		if (holders.size() > 1) {
			// the unique index and the generator keep PINs unique under every key
			throw new IllegalStateException("one typed PIN matches " + holders.size() + " users");
		}
		// every row tells the same of the terminal: the one with the holder, if any
		return Optional.of(rows.stream().filter((row) -> row.pinHolder() != null).findFirst().orElse(rows.get(0)));
	}

	/**
	 * A terminal, the end of its last lock ({@code null} if none), the user holding the
	 * typed PIN ({@code null} when nobody active does), its login mode (its own or the
	 * default) and whether the PIN is one of the holder's unexpired temporary PINs.
	 */
	record TerminalAccess(long terminalId, Instant blockedUntil, PinHolder pinHolder, LoginMode loginMode,
			boolean temporary) {

		Optional<PinHolder> holder() {
			return Optional.ofNullable(this.pinHolder);
		}

	}

	/** The user a terminal is told it has in front of it. */
	record PinHolder(long userId, String username, String fullName) {
	}

	private Terminal terminal(ResultSet rs) throws SQLException {
		String mode = rs.getString("login_mode");
		return new Terminal(rs.getLong("id"), rs.getString("name"), Rows.instant(rs, "created_at"),
				Rows.instant(rs, "revoked_at"), (mode != null) ? LoginMode.of(mode) : null,
				conversion(rs.getString("card_conversion")).spec());
	}

}
