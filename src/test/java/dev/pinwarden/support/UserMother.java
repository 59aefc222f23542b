package dev.pinwarden.support;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

import org.springframework.jdbc.core.JdbcTemplate;

/** Test users: JSON for the API, and many users at once straight into the database. */
public final class UserMother {

	private String username = "jane.doe";

	private String fullName = "Jane Doe";

	private String email = "jane.doe@example.org";

	private String pin;

	private UserMother() {
	}

	public static UserMother aUser() {
		return new UserMother();
	}

	public UserMother named(String username) {
		this.username = username;
		this.email = username + "@example.org";
		return this;
	}

	public UserMother withFullName(String fullName) {
		this.fullName = fullName;
		return this;
	}

	public UserMother withoutEmail() {
		this.email = null;
		return this;
	}

	public UserMother withPin(String pin) {
		this.pin = pin;
		return this;
	}

	public String json() {
		StringBuilder json = new StringBuilder("{\"username\":\"").append(this.username).append('"');
		if (this.fullName != null) {
			json.append(",\"fullName\":\"").append(this.fullName).append('"');
		}
		if (this.email != null) {
			json.append(",\"email\":\"").append(this.email).append('"');
		}
		if (this.pin != null) {
			// an empty PIN is sent as such
			json.append(",\"pin\":\"").append(this.pin).append('"');
		}
		return json.append('}').toString();
	}

	/**
	 * Inserts {@code count} active users named {@code prefix-N}, every
	 * {@code emailEvery}-th without an email address (0: all have one), in batches,
	 * without PINs.
	 */
	public static void insertUsers(JdbcTemplate jdbc, String prefix, int count, int withoutEmailEvery) {
		insertUsers(jdbc, prefix, count, (i) -> withoutEmailEvery == 0 || i % withoutEmailEvery != 0);
	}

	/**
	 * Inserts {@code count} active users named {@code prefix-N}, those for whose N
	 * {@code hasEmail} holds with the address {@code prefix-N@example.org}, in batches,
	 * without PINs.
	 */
	public static void insertUsers(JdbcTemplate jdbc, String prefix, int count, IntPredicate hasEmail) {
		Timestamp now = Timestamp.from(Instant.now());
		List<Object[]> batch = new ArrayList<>();
		for (int i = 1; i <= count; i++) {
			String name = prefix + "-" + i;
			String email = hasEmail.test(i) ? name + "@example.org" : null;
			batch.add(new Object[] { name, name, "User " + i, email, now, now });
			if (batch.size() == 1000 || i == count) {
				jdbc.batchUpdate(
						"""
								insert into app_user (username, username_key, full_name, email, active, source, created_at, updated_at)
								values (?, ?, ?, ?, true, 'manual', ?, ?)""",
						batch);
				batch.clear();
			}
		}
	}

}
