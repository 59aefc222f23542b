package dev.pinwarden.login;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import dev.pinwarden.settings.SecuritySettings;
import dev.pinwarden.settings.SecuritySettingsService;

/**
 * Failed logins, counted per account and per source address in the database (so that
 * every node counts them together). Past the budget the account, or the address, is
 * locked for a while; a locked login fails like any other, with the same message.
 */
@Service
class LoginThrottle {

	private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);

	private final JdbcClient jdbc;

	private final SecuritySettingsService settings;

	private final TransactionTemplate nested;

	LoginThrottle(JdbcClient jdbc, SecuritySettingsService settings, PlatformTransactionManager transactions) {
		this.jdbc = jdbc;
		this.settings = settings;
		this.nested = new TransactionTemplate(transactions);
		this.nested.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
	}

	/**
	 * The key a name or address is counted under: hashed, so that any length fits the
	 * column and the table holds no user names.
	 */
	static String key(String kind, String value) {
		try {
			byte[] hash = java.security.MessageDigest.getInstance("SHA-256")
				.digest(value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
			return kind + ":" + java.util.HexFormat.of().formatHex(hash);
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Transactional(readOnly = true)
	boolean isLocked(List<String> keys) {
		return this.jdbc
			.sql("select count(*) from login_throttle where throttle_key in (:keys) and blocked_until > :now")
			.param("keys", keys)
			.param("now", Timestamp.from(Instant.now()))
			.query(Long.class)
			.single() > 0;
	}

	@Transactional(propagation = Propagation.REQUIRES_NEW)
	void recordFailure(List<String> keys) {
		SecuritySettings settings = this.settings.get();
		Duration lock = Duration.ofMinutes(settings.loginLockMinutes());
		Instant now = Instant.now();
		// forget what is long over, so that made-up names do not pile up
		this.jdbc.sql(
				"delete from login_throttle where window_start < :old and (blocked_until is null or blocked_until < :now)")
			.param("old", Timestamp.from(now.minus(lock).minus(Duration.ofDays(1))))
			.param("now", Timestamp.from(now))
			.update();
		for (String key : keys) {
			State state = lockRow(key, now);
			boolean windowOver = state.windowStart().plus(lock).isBefore(now);
			int failures = (windowOver ? 0 : state.failures()) + 1;
			Instant windowStart = windowOver ? now : state.windowStart();
			Instant blockedUntil = null;
			// many people may share an address (an office behind one router): it gets
			// more room
			int budget = key.startsWith("address:") ? 10 * settings.loginFailureBudget()
					: settings.loginFailureBudget();
			if (failures >= budget) {
				blockedUntil = now.plus(lock);
				failures = 0;
				windowStart = now;
				log.warn("Logins locked for {} minutes after {} failures ({})", settings.loginLockMinutes(), budget,
						key.startsWith("address:") ? "a source address" : "an account");
			}
			this.jdbc.sql("""
					update login_throttle set failures = :failures, window_start = :windowStart,
					  blocked_until = :blockedUntil where throttle_key = :key""")
				.param("failures", failures)
				.param("windowStart", Timestamp.from(windowStart))
				.param("blockedUntil", (blockedUntil != null) ? Timestamp.from(blockedUntil) : null)
				.param("key", key)
				.update();
		}
	}

	/** A right login clears its account's failures (not its address's). */
	@Transactional(propagation = Propagation.REQUIRES_NEW)
	void recordSuccess(String accountKey) {
		this.jdbc.sql(
				"delete from login_throttle where throttle_key = :key and (blocked_until is null or blocked_until <= :now)")
			.param("key", accountKey)
			.param("now", Timestamp.from(Instant.now()))
			.update();
	}

	private State lockRow(String key, Instant now) {
		for (int attempt = 0; attempt < 2; attempt++) {
			Optional<State> state = this.jdbc
				.sql("select failures, window_start from login_throttle where throttle_key = :key for update")
				.param("key", key)
				.query((rs, row) -> new State(rs.getInt(1), rs.getObject(2, OffsetDateTime.class).toInstant()))
				.optional();
			if (state.isPresent()) {
				return state.get();
			}
			try {
				// in a savepoint: on PostgreSQL a failed insert would spoil the whole
				// transaction
				this.nested.executeWithoutResult((status) -> this.jdbc
					.sql("insert into login_throttle (throttle_key, failures, window_start) values (:key, 0, :now)")
					.param("key", key)
					.param("now", Timestamp.from(now))
					.update());
				return new State(0, now);
			}
			catch (DuplicateKeyException ex) {
				// another node inserted it just now: lock theirs
			}
		}
		throw new IllegalStateException("login_throttle row for a key could not be locked");
	}

	private record State(int failures, Instant windowStart) {
	}

}
