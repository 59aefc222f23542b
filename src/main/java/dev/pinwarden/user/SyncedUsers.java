package dev.pinwarden.user;

import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.pinwarden.Audited;
import dev.pinwarden.jdbc.BulkInsert;
import dev.pinwarden.jdbc.GrowingTable;

/**
 * The user table's side of a sync: it writes users coming from a sync source, a batch at
 * a time. One query finds the batch's existing users, then one batch insert and one batch
 * update. Each user written is stamped with the run's id, which lets the run find its
 * users (for PINs) and the source's users it did not see (to deactivate them) without
 * holding them in memory. A user of the same name from another source (made by hand, say)
 * is taken over by this source. Renames are found by the source's stable id
 * ({@code external_id}).
 */
@Service
public class SyncedUsers {

	private final JdbcClient jdbc;

	private final JdbcTemplate jdbcTemplate;

	private final BulkInsert bulk;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	SyncedUsers(JdbcClient jdbc, JdbcTemplate jdbcTemplate, BulkInsert bulk, ApplicationEventPublisher events,
			Clock clock) {
		this.clock = clock;
		this.events = events;
		this.bulk = bulk;
		this.jdbc = jdbc;
		this.jdbcTemplate = jdbcTemplate;
	}

	/**
	 * The user table, about to grow in the current transaction: its statistics follow, so
	 * that each batch's lookups are planned for the table as it is.
	 */
	public GrowingTable growing() {
		return GrowingTable.of(this.jdbc, this.bulk, "app_user");
	}

	/**
	 * Creates or updates the batch's users. A user is found by its source's stable id
	 * first, then by name (a source's first sync with stable ids, or one without them);
	 * found by its stable id under another name, it is renamed, and keeps its id, PIN,
	 * cards and history. Refused, each on its line: a user named twice in one run, a name
	 * that another user of the source holds under another stable id (a new person is not
	 * merged into one who left), and a rename to a name somebody else holds.
	 * {@code runId} is {@code null} for a single change pushed by SCIM, which is no run.
	 */
	@Transactional
	public BatchResult upsert(List<SyncedUser> batch, String source, Long runId) {
		Map<String, Existing> byKey = new HashMap<>();
		Map<String, Existing> byExternalId = new HashMap<>();
		List<String> keys = batch.stream().map((u) -> UserRepository.key(u.user().username())).distinct().toList();
		if (!keys.isEmpty()) {
			existing("username_key = any(:keys)", keys, source).forEach((user) -> byKey.put(user.key(), user));
		}
		List<String> externalIds = batch.stream().map(SyncedUser::externalId).filter(Objects::nonNull).toList();
		if (!externalIds.isEmpty()) {
			existing("source = :source and external_id = any(:keys)", externalIds, source)
				.forEach((user) -> byExternalId.put(user.externalId(), user));
		}
		Timestamp now = Timestamp.from(this.clock.instant());
		Map<String, Long> seenInBatch = new HashMap<>();
		List<Object[]> inserts = new ArrayList<>();
		List<Object[]> updates = new ArrayList<>();
		List<Object[]> touches = new ArrayList<>();
		List<LineError> errors = new ArrayList<>();
		List<SyncedUser> accepted = new ArrayList<>();
		int keptDeactivated = 0;
		int renamed = 0;
		for (SyncedUser synced : batch) {
			NewUser user = synced.user();
			String key = UserRepository.key(user.username());
			String externalId = synced.externalId();
			Existing named = byKey.get(key);
			Existing found = (externalId != null) ? byExternalId.get(externalId) : null;
			// a user named twice in one run: by name, or by stable id
			Long earlierLine = seenInBatch.putIfAbsent(key, synced.line());
			String twice = "username";
			if (earlierLine == null && externalId != null) {
				earlierLine = seenInBatch.putIfAbsent("\0" + externalId, synced.line());
				twice = "externalId";
			}
			Existing written = (found != null) ? found : named;
			boolean earlierBatch = runId != null && written != null && Objects.equals(written.syncRunId(), runId);
			if (earlierLine != null || earlierBatch) {
				// no value of the line: a misaligned file may hold a PIN in any column
				errors.add(new LineError(synced.line(),
						((earlierLine == null && found != null) ? "externalId" : twice)
								+ " appears more than once (first on "
								+ ((earlierLine != null) ? "line " + earlierLine : "an earlier line") + ")"));
				continue;
			}
			if (found == null && named != null && externalId != null && named.source().equals(source)
					&& named.externalId() != null) {
				errors.add(new LineError(synced.line(), "username " + user.username() + " is still held by "
						+ (named.active() ? "" : "deactivated ") + "user " + named.id()
						+ " of this source, another person (another stable id): not merged; rename or delete that user"));
				continue;
			}
			if (found != null && named != null && named.id() != found.id()) {
				errors.add(new LineError(synced.line(), "user " + found.id() + " (" + found.username()
						+ ") was renamed to " + user.username() + ", which user " + named.id() + " holds"));
				continue;
			}
			accepted.add(synced);
			if (written == null) {
				inserts.add(new Object[] { user.username(), key, user.fullName(), user.email(), synced.isActiveUser(),
						source, externalId, now, now, runId });
				continue;
			}
			// an administrator's deactivation holds against a source that still lists
			// the user; the source's own "inactive" deactivates as always
			boolean active = synced.isActiveUser() && !written.deactivatedByAdmin();
			if (synced.isActiveUser() && written.deactivatedByAdmin()) {
				keptDeactivated++;
			}
			// a stable id the source does not send stays, unless the user changes source
			String newExternalId = (externalId != null) ? externalId
					: (written.source().equals(source) ? written.externalId() : null);
			if (!written.key().equals(key)) {
				renamed++;
				this.events.publishEvent(Audited.ofUser("user.renamed", written.id(),
						source + ": " + written.username() + " -> " + user.username()));
			}
			if (written.differsFrom(synced, source, active, newExternalId)) {
				updates.add(new Object[] { user.username(), key, user.fullName(), user.email(), active, source,
						newExternalId, now, runId, written.id() });
			}
			else {
				touches.add(new Object[] { runId, written.id() });
			}
		}
		this.bulk.insert("app_user", List.of("username", "username_key", "full_name", "email", "active", "source",
				"external_id", "created_at", "updated_at", "sync_run_id"), inserts);
		this.jdbcTemplate.batchUpdate("""
				update app_user set username = ?, username_key = ?, full_name = ?, email = ?, active = ?, source = ?,
				  external_id = ?, updated_at = ?, sync_run_id = ? where id = ?""", updates);
		this.jdbcTemplate.batchUpdate("update app_user set sync_run_id = ? where id = ?", touches);
		return new BatchResult(inserts.size(), updates.size(), keptDeactivated, renamed, errors, accepted);
	}

	private List<Existing> existing(String where, List<String> keys, String source) {
		return this.jdbc.sql("""
				select id, username_key, username, full_name, email, active, source, external_id, sync_run_id,
				  deactivated_by_admin
				from app_user""" + " where " + where)
			.param("keys", keys.stream().distinct().toArray(String[]::new))
			.param("source", source)
			.query((rs, row) -> new Existing(rs.getLong("id"), rs.getString("username_key"), rs.getString("username"),
					rs.getString("full_name"), rs.getString("email"), rs.getBoolean("active"), rs.getString("source"),
					rs.getString("external_id"), rs.getObject("sync_run_id", Long.class),
					rs.getBoolean("deactivated_by_admin")))
			.list();
	}

	/** The id of a user this run wrote. */
	@Transactional(readOnly = true)
	public long idOf(String username) {
		return this.jdbc.sql("select id from app_user where username_key = :key")
			.param("key", UserRepository.key(username))
			.query(Long.class)
			.single();
	}

	/** The ids of users this run wrote, by the user names given. */
	@Transactional(readOnly = true)
	public Map<String, Long> idsOf(List<String> usernames) {
		Map<String, Long> byKey = new HashMap<>();
		this.jdbc.sql("select username_key, id from app_user where username_key = any(:keys)")
			.param("keys", usernames.stream().map(UserRepository::key).distinct().toArray(String[]::new))
			.query((ResultSet rs) -> {
				byKey.put(rs.getString(1), rs.getLong(2));
			});
		Map<String, Long> byName = new HashMap<>();
		usernames.forEach((username) -> byName.put(username, byKey.get(UserRepository.key(username))));
		return byName;
	}

	/**
	 * The lowest and highest id of the users a run wrote, if it wrote any: the span that
	 * {@link #needingPin} walks through.
	 */
	@Transactional(readOnly = true)
	public Optional<IdSpan> idSpan(long runId) {
		return this.jdbc.sql("select min(id), max(id) from app_user where sync_run_id = :run having count(*) > 0")
			.param("run", runId)
			.query((rs, row) -> new IdSpan(rs.getLong(1), rs.getLong(2)))
			.optional();
	}

	/** The lowest and the highest id of a run's users. */
	public record IdSpan(long first, long last) {
	}

	/**
	 * The run's active users with an email address and no PIN whose ids lie in
	 * {@code (afterId, upToId]}: the ones a sync gives a PIN, a window of ids at a time.
	 * Windows by id rather than "the next thousand" so that no plan can turn a page into
	 * a scan of all the run's users (a sort of everything after {@code afterId},
	 * quadratic over a large sync). The PIN table is joined on the same window of ids,
	 * stated for it too: whatever the plan, it reads at most the window's PINs. (As an
	 * anti-join, and as a scalar {@code exists} once PostgreSQL knew the PIN table's
	 * size, it hashed the whole growing table for every window.)
	 */
	@Transactional(readOnly = true)
	public List<Long> needingPin(long runId, long afterId, long upToId) {
		return this.jdbc.sql("""
				select u.id, case when p.user_id is null then 0 else 1 end as has_pin
				from app_user u
				left join pin p on p.user_id = u.id and p.user_id > :after and p.user_id <= :upTo
				where u.sync_run_id = :run and u.id > :after and u.id <= :upTo and u.active = true
				  and u.email is not null
				order by u.id""")
			.param("run", runId)
			.param("after", afterId)
			.param("upTo", upToId)
			.query((rs, row) -> new long[] { rs.getLong(1), rs.getInt(2) })
			.list()
			.stream()
			.filter((user) -> user[1] == 0)
			.map((user) -> user[0])
			.toList();
	}

	/** The run's active users without a PIN and without an address to mail one to. */
	@Transactional(readOnly = true)
	public int countWithoutPinAndEmail(long runId) {
		return this.jdbc.sql("""
				select count(*) from app_user u
				where u.sync_run_id = :run and u.active = true and u.email is null
				  and not exists (select 1 from pin p where p.user_id = u.id)""")
			.param("run", runId)
			.query(Integer.class)
			.single();
	}

	/** Deactivates the source's active users that this run did not see; their ids. */
	@Transactional
	public List<Long> deactivateMissing(String source, long runId) {
		List<Long> missing = this.jdbc.sql("""
				select id from app_user
				where source = :source and active = true and (sync_run_id is null or sync_run_id <> :run)""")
			.param("source", source)
			.param("run", runId)
			.query(Long.class)
			.list();
		if (!missing.isEmpty()) {
			this.jdbc.sql("update app_user set active = false, updated_at = :now where id = any(:ids)")
				.param("ids", missing.toArray(Long[]::new))
				.param("now", Timestamp.from(this.clock.instant()))
				.update();
		}
		return missing;
	}

	/** The users this run wrote that are inactive after it. */
	@Transactional(readOnly = true)
	public List<Long> inactiveOfRun(long runId) {
		return this.jdbc.sql("select id from app_user where sync_run_id = :run and active = false")
			.param("run", runId)
			.query(Long.class)
			.list();
	}

	/**
	 * What a batch did; {@code renamed} counts the updated users found by their stable id
	 * under a new name; {@code accepted} are the users written.
	 */
	public record BatchResult(int created, int updated, int keptDeactivated, int renamed, List<LineError> errors,
			List<SyncedUser> accepted) {
	}

	/** A line of the source that could not be applied, and why. */
	public record LineError(long line, String message) {
	}

	private record Existing(long id, String key, String username, String fullName, String email, boolean active,
			String source, String externalId, Long syncRunId, boolean deactivatedByAdmin) {

		boolean differsFrom(SyncedUser synced, String newSource, boolean newActive, String newExternalId) {
			NewUser user = synced.user();
			return !this.username.equals(user.username()) || !Objects.equals(this.fullName, user.fullName())
					|| !Objects.equals(this.email, user.email()) || this.active != newActive
					|| !this.source.equals(newSource) || !Objects.equals(this.externalId, newExternalId);
		}

	}

}
