package dev.pinwarden.auth;

import java.sql.Timestamp;
import java.time.Instant;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;

/** Administrator accounts, for HTTP Basic on the admin API. They are not PIN users. */
@Service
class AdminAccounts implements UserDetailsService {

	static final String ROLE = "ADMIN";

	private final JdbcClient jdbc;

	AdminAccounts(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public UserDetails loadUserByUsername(String username) {
		return this.jdbc.sql("select username, password_hash from administrator where username = :username")
			.param("username", username)
			.query((rs, row) -> User.withUsername(rs.getString(1)).password(rs.getString(2)).roles(ROLE).build())
			.optional()
			.orElseThrow(() -> new UsernameNotFoundException("No such administrator"));
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
