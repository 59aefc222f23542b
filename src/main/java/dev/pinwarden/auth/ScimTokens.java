package dev.pinwarden.auth;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.pinwarden.Audited;
import dev.pinwarden.ApplicationException;
import dev.pinwarden.TextInput;
import dev.pinwarden.jdbc.Rows;

/**
 * Bearer tokens for SCIM provisioning (Entra ID, Okta, ...): random, shown once, stored
 * as a SHA-256 hash, revocable.
 */
@Service
public class ScimTokens {

	static final String PREFIX = "pws_";

	private final JdbcClient jdbc;

	private final Tokens tokens;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	ScimTokens(JdbcClient jdbc, Tokens tokens, ApplicationEventPublisher events, Clock clock) {
		this.clock = clock;
		this.events = events;
		this.jdbc = jdbc;
		this.tokens = tokens;
	}

	@Transactional
	public IssuedToken create(String name) {
		String validName = TextInput.required("name", name, 100);
		String token = this.tokens.newToken(PREFIX);
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		this.jdbc.sql("insert into scim_token (name, token_hash, created_at) values (:name, :hash, :now)")
			.param("name", validName)
			.param("hash", this.tokens.hash(token))
			.param("now", Timestamp.from(this.clock.instant()))
			.update(keys, "id");
		this.events.publishEvent(Audited.of("scim-token.created", validName, null));
		return new IssuedToken(keys.getKey().longValue(), validName, token);
	}

	@Transactional(readOnly = true)
	public List<ScimToken> list() {
		return this.jdbc.sql("select id, name, created_at, revoked_at from scim_token order by id")
			.query(ScimTokens::token)
			.list();
	}

	@Transactional
	public void revoke(long id) {
		int rows = this.jdbc.sql("update scim_token set revoked_at = coalesce(revoked_at, :now) where id = :id")
			.param("id", id)
			.param("now", Timestamp.from(this.clock.instant()))
			.update();
		if (rows == 0) {
			throw new ScimTokenNotFoundException(id);
		}
		this.events.publishEvent(Audited.of("scim-token.revoked", "SCIM token " + id, null));
	}

	@Transactional(readOnly = true)
	public boolean isValid(String token) {
		if (token == null || !token.startsWith(PREFIX) || token.length() > 100) {
			return false;
		}
		return this.jdbc.sql("select count(*) from scim_token where token_hash = :hash and revoked_at is null")
			.param("hash", this.tokens.hash(token))
			.query(Long.class)
			.single() > 0;
	}

	private static ScimToken token(ResultSet rs, int row) throws SQLException {
		return new ScimToken(rs.getLong("id"), rs.getString("name"), Rows.instant(rs, "created_at"),
				Rows.instant(rs, "revoked_at"));
	}

	public record ScimToken(long id, String name, Instant createdAt, Instant revokedAt) {
	}

	/** A token just created: shown this once. */
	public record IssuedToken(long id, String name, String token) {

		@Override
		public String toString() {
			return "IssuedToken[id=" + this.id + ", name=" + this.name + ", token=<hidden>]";
		}

	}

	public static class ScimTokenNotFoundException extends ApplicationException {

		ScimTokenNotFoundException(long id) {
			super(Kind.NOT_FOUND, "scim_token_not_found", "There is no SCIM token with id " + id);
		}

	}

}
