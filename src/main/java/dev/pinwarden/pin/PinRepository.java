package dev.pinwarden.pin;

import java.nio.ByteBuffer;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.pinwarden.jdbc.BulkInsert;
import dev.pinwarden.jdbc.GrowingTable;
import dev.pinwarden.jdbc.Rows;

/**
 * SQL over the {@code pin} table, and over {@code temporary_pin} where a PIN must be free
 * of both. It reads {@code app_user} for counts and for the active flag: the length rule
 * and terminal lookups are about users, and one join beats a round trip.
 */
@Repository
class PinRepository {

	private static final String INSERT = "insert into pin (user_id, digest, key_id, pin_length, created_at) values (?, ?, ?, ?, ?)";

	private final JdbcClient jdbc;

	private final JdbcTemplate jdbcTemplate;

	private final BulkInsert bulk;

	private final Clock clock;

	PinRepository(JdbcClient jdbc, JdbcTemplate jdbcTemplate, BulkInsert bulk, Clock clock) {
		this.clock = clock;
		this.bulk = bulk;
		this.jdbc = jdbc;
		this.jdbcTemplate = jdbcTemplate;
	}

	GrowingTable growing() {
		return GrowingTable.of(this.jdbc, this.bulk, "pin");
	}

	java.util.SortedMap<Integer, Long> activePinsByLength(Instant now) {
		java.util.SortedMap<Integer, Long> counts = new java.util.TreeMap<>();
		this.jdbc.sql("""
				select pin_length, count(*) from (
				  select p.pin_length from pin p join app_user u on u.id = p.user_id where u.active = true
				  union all
				  select t.pin_length from temporary_pin t join app_user u on u.id = t.user_id
				  where u.active = true and t.expires_at > :now) pins
				group by pin_length""").param("now", Timestamp.from(now)).query((rs) -> {
			counts.merge(rs.getInt(1), rs.getLong(2), Long::sum);
		});
		return counts;
	}

	java.util.Map<String, Long> pinsByKey() {
		java.util.Map<String, Long> counts = new java.util.TreeMap<>();
		this.jdbc.sql("select key_id, count(*) from pin group by key_id").query((rs) -> {
			counts.put(rs.getString(1), rs.getLong(2));
		});
		return counts;
	}

	long countUsers() {
		return this.jdbc.sql("select count(*) from app_user").query(Long.class).single();
	}

	/** Who holds one of these digests as a PIN or as a temporary PIN. */
	Optional<Long> findHolder(List<byte[]> digests) {
		return this.jdbc.sql("""
				select user_id from pin where digest in (:digests)
				union select user_id from temporary_pin where digest in (:digests)""")
			.param("digests", digests)
			.query(Long.class)
			.optional();
	}

	/** Who holds each of these digests that is stored, as a PIN or a temporary PIN. */
	Map<ByteBuffer, Long> holders(List<byte[]> digests) {
		Map<ByteBuffer, Long> holders = new HashMap<>();
		if (!digests.isEmpty()) {
			this.jdbc.sql("""
					select digest, user_id from pin where digest in (:digests)
					union all select digest, user_id from temporary_pin where digest in (:digests)""")
				.param("digests", digests)
				.query((ResultSet rs) -> {
					holders.put(ByteBuffer.wrap(rs.getBytes(1)), rs.getLong(2));
				});
		}
		return holders;
	}

	Optional<Long> findActiveHolder(List<byte[]> digests) {
		return this.jdbc.sql(
				"select p.user_id from pin p join app_user u on u.id = p.user_id where p.digest in (:digests) and u.active = true")
			.param("digests", digests)
			.query(Long.class)
			.optional();
	}

	Optional<PinStatus> findStatus(long userId) {
		return this.jdbc.sql("select pin_length, key_id, created_at from pin where user_id = :userId")
			.param("userId", userId)
			.query((rs, row) -> new PinStatus(rs.getInt("pin_length"), rs.getString("key_id"),
					Rows.instant(rs, "created_at")))
			.optional();
	}

	/**
	 * Sets the user's PIN: in place when it has one, so that writers of one user's PIN
	 * take their turns on its row; inserted when it has none.
	 */
	void replace(long userId, byte[] digest, String keyId, int length) {
		int updated = this.jdbc.sql("""
				update pin set digest = :digest, key_id = :keyId, pin_length = :length, created_at = :now
				where user_id = :userId""")
			.param("digest", digest)
			.param("keyId", keyId)
			.param("length", length)
			.param("now", Timestamp.from(this.clock.instant()))
			.param("userId", userId)
			.update();
		if (updated == 0) {
			insert(userId, digest, keyId, length);
		}
	}

	void insert(long userId, byte[] digest, String keyId, int length) {
		this.jdbcTemplate.update(INSERT, userId, digest, keyId, length, Timestamp.from(this.clock.instant()));
	}

	boolean delete(long userId) {
		return this.jdbc.sql("delete from pin where user_id = :userId").param("userId", userId).update() > 0;
	}

	/** Those of the users that have no PIN, in the order given. */
	List<Long> withoutPin(List<Long> userIds) {
		Set<Long> holding = new HashSet<>(this.jdbc.sql("select user_id from pin where user_id = any(:ids)")
			.param("ids", userIds.toArray(Long[]::new))
			.query(Long.class)
			.list());
		return userIds.stream().filter((id) -> !holding.contains(id)).toList();
	}

	int deleteAll(List<Long> userIds) {
		return this.jdbc.sql("delete from pin where user_id = any(:ids)")
			.param("ids", userIds.toArray(Long[]::new))
			.update();
	}

	/** Which of these digests are stored already, as PINs or temporary PINs. */
	List<byte[]> existingDigests(List<byte[]> digests) {
		return this.jdbc.sql("""
				select digest from pin where digest in (:digests)
				union all select digest from temporary_pin where digest in (:digests)""")
			.param("digests", digests)
			.query(byte[].class)
			.list();
	}

	int deleteOfActiveUsers(boolean withEmailOnly) {
		return this.jdbc
			.sql("delete from pin where user_id in (select id from app_user where active = true"
					+ (withEmailOnly ? " and email is not null" : "") + ")")
			.update();
	}

	/**
	 * The temporary PINs of the users whose PINs a regeneration replaces go with them.
	 */
	int deleteTemporaryOfActiveUsers(boolean withEmailOnly) {
		return this.jdbc
			.sql("delete from temporary_pin where user_id in (select id from app_user where active = true"
					+ (withEmailOnly ? " and email is not null" : "") + ")")
			.update();
	}

	int countActiveUsers() {
		return this.jdbc.sql("select count(*) from app_user where active = true").query(Integer.class).single();
	}

	int activeUsersWithoutEmail() {
		return this.jdbc.sql("select count(*) from app_user where active = true and email is null")
			.query(Integer.class)
			.single();
	}

	/**
	 * The digests that stay taken during a regeneration: the PINs and temporary PINs of
	 * those whose PINs it does not replace.
	 */
	void forEachDigest(java.util.function.Consumer<byte[]> consumer) {
		this.jdbcTemplate.query("select digest from pin union all select digest from temporary_pin", (rs) -> {
			consumer.accept(rs.getBytes(1));
		});
	}

	/**
	 * Active users after {@code afterId}, in id order, at most {@code limit}: keyset
	 * paging.
	 */
	List<Holder> activeUsersAfter(long afterId, int limit, boolean withEmailOnly) {
		return this.jdbc
			.sql("select id, email from app_user where active = true and id > :afterId"
					+ (withEmailOnly ? " and email is not null" : "") + " order by id fetch first :limit rows only")
			.param("afterId", afterId)
			.param("limit", limit)
			.query((rs, row) -> new Holder(rs.getLong("id"), rs.getString("email") != null))
			.list();
	}

	/** Rows of user id, digest, key id, length and creation time. */
	void insertAll(List<Object[]> rows) {
		this.bulk.insert("pin", List.of("user_id", "digest", "key_id", "pin_length", "created_at"), rows);
	}

	record Holder(long userId, boolean hasEmail) {
	}

}
