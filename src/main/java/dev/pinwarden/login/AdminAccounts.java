package dev.pinwarden.login;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import dev.pinwarden.jdbc.Rows;

/**
 * The {@code administrator} table. Administrators log in with a password and are not PIN
 * users.
 */
@Repository
class AdminAccounts {

	private final JdbcClient jdbc;

	private final Clock clock;

	AdminAccounts(JdbcClient jdbc, Clock clock) {
		this.clock = clock;
		this.jdbc = jdbc;
	}

	Optional<String> passwordHash(String username) {
		return this.jdbc.sql("select password_hash from administrator where username = :username")
			.param("username", username)
			.query(String.class)
			.optional();
	}

	boolean anyExists() {
		return this.jdbc.sql("select count(*) from administrator").query(Long.class).single() > 0;
	}

	List<Administrator> list() {
		return this.jdbc.sql("select username, created_at from administrator order by username")
			.query((rs, row) -> new Administrator(rs.getString(1), Rows.instant(rs, 2)))
			.list();
	}

	void create(String username, String passwordHash) {
		this.jdbc.sql("insert into administrator (username, password_hash, created_at) values (:u, :h, :t)")
			.param("u", username)
			.param("h", passwordHash)
			.param("t", Timestamp.from(this.clock.instant()))
			.update();
	}

	boolean changePassword(String username, String passwordHash) {
		return this.jdbc.sql("update administrator set password_hash = :h where username = :u")
			.param("u", username)
			.param("h", passwordHash)
			.update() == 1;
	}

	/**
	 * Locks every administrator's row, so that two deletions cannot remove the last two.
	 */
	long lockAllAndCount() {
		return this.jdbc.sql("select username from administrator for update").query(String.class).list().size();
	}

	boolean delete(String username) {
		return this.jdbc.sql("delete from administrator where username = :u").param("u", username).update() == 1;
	}

	/** An administrator as the API lists it: never its hash. */
	record Administrator(String username, Instant createdAt) {
	}

}
