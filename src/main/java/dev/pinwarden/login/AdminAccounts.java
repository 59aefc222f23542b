package dev.pinwarden.login;

import java.sql.Timestamp;
import java.time.Instant;

import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Administrator accounts. They log in with a password and are not PIN users. */
@Service
class AdminAccounts {

	private final JdbcClient jdbc;

	AdminAccounts(JdbcClient jdbc) {
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

	void create(String username, String passwordHash) {
		this.jdbc.sql("insert into administrator (username, password_hash, created_at) values (:u, :h, :t)")
			.param("u", username)
			.param("h", passwordHash)
			.param("t", Timestamp.from(Instant.now()))
			.update();
	}

}
