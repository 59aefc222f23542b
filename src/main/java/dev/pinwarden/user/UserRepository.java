package dev.pinwarden.user;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

import dev.pinwarden.jdbc.BulkInsert;
import dev.pinwarden.jdbc.Rows;

/**
 * SQL over {@code app_user}, joined with {@code pin} for what may be said about the PIN.
 */
@Repository
class UserRepository {

	private static final String SELECT = """
			select u.id, u.username, u.full_name, u.email, u.active, u.source, u.external_id, u.created_at,
			  u.updated_at, p.pin_length, p.created_at as pin_set_at
			from app_user u left join pin p on p.user_id = u.id""";

	private final JdbcClient jdbc;

	private final String lockRow;

	private final String lockDeactivated;

	private final Clock clock;

	UserRepository(JdbcClient jdbc, BulkInsert bulk, Clock clock) {
		this.clock = clock;
		this.jdbc = jdbc;
		// PostgreSQL's weaker row lock leaves a PIN insert's foreign-key check free (see
		// JobLocks); H2's foreign-key checks take no row lock
		this.lockRow = "select id from app_user where id = :id for " + (bulk.isPostgres() ? "no key update" : "update");
		this.lockDeactivated = "select id from app_user where active = false order by id for "
				+ (bulk.isPostgres() ? "no key update" : "update");
	}

	long insert(NewUser user, String source) {
		KeyHolder keys = new GeneratedKeyHolder();
		Timestamp now = Timestamp.from(this.clock.instant());
		try {
			this.jdbc
				.sql("""
						insert into app_user (username, username_key, full_name, email, active, source, created_at, updated_at)
						values (:username, :usernameKey, :fullName, :email, true, :source, :now, :now)""")
				.param("username", user.username())
				.param("usernameKey", key(user.username()))
				.param("fullName", user.fullName())
				.param("email", user.email())
				.param("source", source)
				.param("now", now)
				.update(keys, "id");
		}
		catch (DuplicateKeyException ex) {
			throw new UsernameTakenException(user.username());
		}
		return keys.getKey().longValue();
	}

	Optional<User> findById(long id) {
		return this.jdbc.sql(SELECT + " where u.id = :id").param("id", id).query(UserRepository::user).optional();
	}

	Optional<User> findByUsername(String username) {
		return this.jdbc.sql(SELECT + " where u.username_key = :key")
			.param("key", key(username))
			.query(UserRepository::user)
			.optional();
	}

	/** The first active user with this address; addresses are not unique, names are. */
	Optional<User> findActiveByEmail(String email) {
		return this.jdbc
			.sql(SELECT + " where lower(u.email) = :email and u.active = true order by u.id fetch first 1 rows only")
			.param("email", email.toLowerCase(Locale.ROOT))
			.query(UserRepository::user)
			.optional();
	}

	/**
	 * Users by id, with or without an address (for PIN letters, which need no address).
	 */
	List<Recipient> findNames(Collection<Long> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		return this.jdbc.sql("select id, username, full_name, email from app_user where id = any(:ids)")
			.param("ids", ids.toArray(Long[]::new))
			.query((rs, row) -> new Recipient(rs.getLong("id"), rs.getString("username"), rs.getString("full_name"),
					rs.getString("email")))
			.list();
	}

	List<Recipient> findRecipients(Collection<Long> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		// one array parameter rather than an IN list of up to a thousand: one statement
		// text, planned once, whatever the number of ids
		return this.jdbc
			.sql("select id, username, full_name, email from app_user where id = any(:ids) and email is not null")
			.param("ids", ids.toArray(Long[]::new))
			.query((rs, row) -> new Recipient(rs.getLong("id"), rs.getString("username"), rs.getString("full_name"),
					rs.getString("email")))
			.list();
	}

	List<User> search(String query, long offset, int limit) {
		return this.jdbc
			.sql(SELECT + where(query) + " order by u.username_key offset :offset rows fetch first :limit rows only")
			.param("pattern", pattern(query))
			.param("offset", offset)
			.param("limit", limit)
			.query(UserRepository::user)
			.list();
	}

	void lock(long id) {
		this.jdbc.sql(this.lockRow).param("id", id).query(Long.class).list();
	}

	/** The deactivated users, their rows held until the transaction ends. */
	List<Long> lockDeactivated() {
		return this.jdbc.sql(this.lockDeactivated).query(Long.class).list();
	}

	List<User> ofSource(String source, long offset, int limit) {
		return this.jdbc.sql(SELECT
				+ " where u.source = :source order by u.username_key offset :offset rows fetch first :limit rows only")
			.param("source", source)
			.param("offset", offset)
			.param("limit", limit)
			.query(UserRepository::user)
			.list();
	}

	long countOfSource(String source) {
		return this.jdbc.sql("select count(*) from app_user where source = :source")
			.param("source", source)
			.query(Long.class)
			.single();
	}

	long count(String query) {
		return this.jdbc.sql("select count(*) from app_user u" + where(query))
			.param("pattern", pattern(query))
			.query(Long.class)
			.single();
	}

	void rename(long id, String username) {
		this.jdbc.sql("update app_user set username = :username, username_key = :key, updated_at = :now where id = :id")
			.param("username", username)
			.param("key", key(username))
			.param("now", Timestamp.from(this.clock.instant()))
			.param("id", id)
			.update();
	}

	/**
	 * @param byAdmin whether an administrator makes the change (a deactivation then holds
	 * against syncs), or a source (SCIM)
	 */
	void update(long id, UserChanges changes, boolean byAdmin) {
		StringBuilder sql = new StringBuilder("update app_user set updated_at = :now");
		if (changes.changesFullName()) {
			sql.append(", full_name = :fullName");
		}
		if (changes.changesEmail()) {
			sql.append(", email = :email");
		}
		if (changes.active() != null) {
			sql.append(", active = :active");
			sql.append(byAdmin ? ", deactivated_by_admin = :byAdmin" : "");
		}
		this.jdbc.sql(sql.append(" where id = :id").toString())
			.param("byAdmin", changes.active() != null && !changes.active())
			.param("id", id)
			.param("fullName", changes.fullName())
			.param("email", changes.email())
			.param("active", changes.active())
			.param("now", Timestamp.from(this.clock.instant()))
			.update();
	}

	UserService.UserCounts counts() {
		return this.jdbc
			.sql("""
					select count(*),
					  coalesce(sum(case when u.active = true then 1 else 0 end), 0),
					  coalesce(sum(case when u.active = true and exists (select 1 from pin p where p.user_id = u.id) then 1 else 0 end), 0),
					  coalesce(sum(case when u.active = true and u.email is null then 1 else 0 end), 0)
					from app_user u""")
			.query((rs, row) -> new UserService.UserCounts(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)))
			.single();
	}

	boolean delete(long id) {
		return this.jdbc.sql("delete from app_user where id = :id").param("id", id).update() > 0;
	}

	private static String where(String query) {
		return (query == null) ? ""
				: " where (u.username_key like :pattern escape '\\' or lower(u.full_name) like :pattern escape '\\'"
						+ " or lower(u.email) like :pattern escape '\\')";
	}

	/**
	 * A LIKE pattern matching the query anywhere, with the query's own wildcards escaped.
	 */
	private static String pattern(String query) {
		if (query == null) {
			return null;
		}
		String escaped = key(query).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
		return "%" + escaped + "%";
	}

	static String key(String username) {
		return username.toLowerCase(Locale.ROOT);
	}

	private static User user(ResultSet rs, int row) throws SQLException {
		Integer pinLength = rs.getObject("pin_length", Integer.class);
		return new User(rs.getLong("id"), rs.getString("username"), rs.getString("full_name"), rs.getString("email"),
				rs.getBoolean("active"), rs.getString("source"), rs.getString("external_id"),
				Rows.instant(rs, "created_at"), Rows.instant(rs, "updated_at"), pinLength,
				Rows.instant(rs, "pin_set_at"));
	}

}
