package dev.pinwarden.auth;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.pinwarden.Audited;
import dev.pinwarden.TextInput;

/** Registers, lists and revokes printer terminals, and recognises them by their token. */
@Service
public class TerminalService {

	static final String TOKEN_PREFIX = "pwt_";

	private final JdbcClient jdbc;

	private final Tokens tokens;

	private final ApplicationEventPublisher events;

	TerminalService(JdbcClient jdbc, Tokens tokens, ApplicationEventPublisher events) {
		this.events = events;
		this.jdbc = jdbc;
		this.tokens = tokens;
	}

	@Transactional
	public RegisteredTerminal register(String name) {
		String validName = TextInput.required("name", name, 100);
		String token = this.tokens.newToken(TOKEN_PREFIX);
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		this.jdbc.sql("insert into terminal (name, token_hash, created_at) values (:name, :hash, :now)")
			.param("name", validName)
			.param("hash", this.tokens.hash(token))
			.param("now", Timestamp.from(Instant.now()))
			.update(keys, "id");
		long id = keys.getKey().longValue();
		this.jdbc.sql(
				"insert into terminal_throttle (terminal_id, failures, window_start, lockouts) values (:id, 0, :now, 0)")
			.param("id", id)
			.param("now", Timestamp.from(Instant.now()))
			.update();
		this.events.publishEvent(Audited.of("terminal.registered", "terminal " + id + " (" + validName + ")", null));
		return new RegisteredTerminal(id, validName, token);
	}

	@Transactional(readOnly = true)
	public List<Terminal> list() {
		return this.jdbc.sql("select id, name, created_at, revoked_at from terminal order by id")
			.query(TerminalService::terminal)
			.list();
	}

	@Transactional
	public void revoke(long id) {
		int rows = this.jdbc.sql("update terminal set revoked_at = coalesce(revoked_at, :now) where id = :id")
			.param("id", id)
			.param("now", Timestamp.from(Instant.now()))
			.update();
		if (rows == 0) {
			throw new TerminalNotFoundException(id);
		}
		this.events.publishEvent(Audited.of("terminal.revoked", "terminal " + id, null));
	}

	/**
	 * The terminal holding this token, unless revoked, with the end of its throttling
	 * when it is throttled: the first step of every authentication, so one query.
	 */
	Optional<TerminalAccess> findAccess(String token) {
		if (token == null || !token.startsWith(TOKEN_PREFIX) || token.length() > 100) {
			return Optional.empty();
		}
		return this.jdbc.sql("""
				select t.id, th.blocked_until from terminal t left join terminal_throttle th on th.terminal_id = t.id
				where t.token_hash = :hash and t.revoked_at is null""")
			.param("hash", this.tokens.hash(token))
			.query((rs, row) -> {
				OffsetDateTime blockedUntil = rs.getObject("blocked_until", OffsetDateTime.class);
				return new TerminalAccess(rs.getLong("id"), (blockedUntil != null) ? blockedUntil.toInstant() : null);
			})
			.optional();
	}

	/**
	 * A terminal that may authenticate PINs unless it is blocked until a moment to come.
	 */
	record TerminalAccess(long terminalId, Instant blockedUntil) {

		Optional<Duration> blockedFor(Instant now) {
			return (this.blockedUntil != null && this.blockedUntil.isAfter(now))
					? Optional.of(Duration.between(now, this.blockedUntil)) : Optional.empty();
		}

	}

	private static Terminal terminal(ResultSet rs, int row) throws SQLException {
		OffsetDateTime revoked = rs.getObject("revoked_at", OffsetDateTime.class);
		return new Terminal(rs.getLong("id"), rs.getString("name"),
				rs.getObject("created_at", OffsetDateTime.class).toInstant(),
				(revoked != null) ? revoked.toInstant() : null);
	}

}
