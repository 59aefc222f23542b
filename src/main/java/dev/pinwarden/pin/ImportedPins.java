package dev.pinwarden.pin;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import dev.pinwarden.Audited;
import dev.pinwarden.jdbc.BulkInsert;
import dev.pinwarden.jdbc.JobLocks;

/**
 * PINs a sync brings along (a CSV's {@code pin} column). While the run reads its source,
 * each PIN is checked against the rules and staged, sealed; once the run has written all
 * of its users, the staged PINs are set as a writer of many PINs ({@link PinWrites}), a
 * batch at a time, unique as {@link PinService#setPin} keeps them. Staging keeps the lock
 * order of {@link JobLocks}: a run that set PINs batch by batch would lock the rows of
 * further users while it holds the PIN-writes lock.
 */
@Service
public class ImportedPins {

	private static final String PURPOSE = "staged-pin";

	private static final int BATCH_SIZE = 1000;

	private final JdbcClient jdbc;

	private final BulkInsert bulk;

	private final PinRepository pins;

	private final PinWrites writes;

	private final PinKeyRing keys;

	private final SecretBox box;

	private final MinimalPinLengthSource settings;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	ImportedPins(JdbcClient jdbc, BulkInsert bulk, PinRepository pins, PinWrites writes, PinKeyRing keys, SecretBox box,
			MinimalPinLengthSource settings, ApplicationEventPublisher events, Clock clock) {
		this.clock = clock;
		this.jdbc = jdbc;
		this.bulk = bulk;
		this.pins = pins;
		this.writes = writes;
		this.keys = keys;
		this.box = box;
		this.settings = settings;
		this.events = events;
	}

	/**
	 * Checks each PIN against the rules and stages those that follow them, until
	 * {@link #setStaged} sets them in the same transaction. Returns why the others were
	 * refused, by user id.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public Map<Long, String> stage(long runId, List<ImportedPin> imported) {
		Map<Long, String> refused = new LinkedHashMap<>();
		int minimalLength = this.settings.minimalPinLength();
		List<Object[]> rows = new ArrayList<>(imported.size());
		for (ImportedPin pin : imported) {
			try {
				PinPolicy.checkChosenPin(pin.pin(), minimalLength);
				SecretBox.Sealed sealed = this.box.seal(PURPOSE, boundTo(runId, pin.userId()),
						pin.pin().getBytes(StandardCharsets.US_ASCII));
				rows.add(new Object[] { runId, pin.userId(), pin.line(), sealed.content(), sealed.keyId() });
			}
			catch (PinRuleViolationException ex) {
				refused.put(pin.userId(), ex.getMessage());
			}
		}
		this.bulk.insert("staged_pin", List.of("run_id", "user_id", "line", "content", "key_id"), rows);
		return refused;
	}

	/**
	 * Sets the PINs the run staged, in user order, and erases them. A PIN another user
	 * holds, or that an earlier user of the run took, is refused. Returns why each
	 * refused PIN was refused, by the line it came from.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public SortedMap<Long, String> setStaged(long runId) {
		SortedMap<Long, String> refused = new TreeMap<>();
		List<Staged> batch = staged(runId, -1);
		if (batch.isEmpty()) {
			return refused;
		}
		this.writes.forManyUsers();
		int set = 0;
		while (!batch.isEmpty()) {
			List<Staged> current = batch;
			Map<Long, String> refusedOfBatch = this.writes.batch(() -> set(current));
			refused.putAll(refusedOfBatch);
			set += batch.size() - refusedOfBatch.size();
			batch = staged(runId, batch.get(batch.size() - 1).userId());
		}
		this.jdbc.sql("delete from staged_pin where run_id = :run").param("run", runId).update();
		if (set > 0) {
			this.events.publishEvent(Audited.of("pin.set", set + " users", "imported by a sync"));
		}
		return refused;
	}

	private List<Staged> staged(long runId, long afterUser) {
		return this.jdbc.sql("""
				select user_id, line, content, key_id from staged_pin where run_id = :run and user_id > :after
				order by user_id fetch first :batch rows only""")
			.param("run", runId)
			.param("after", afterUser)
			.param("batch", BATCH_SIZE)
			.query((rs, row) -> {
				long userId = rs.getLong(1);
				byte[] plain = this.box.open(PURPOSE, boundTo(runId, userId),
						new SecretBox.Sealed(rs.getString(4), rs.getBytes(3)));
				return new Staged(userId, rs.getLong(2), new String(plain, StandardCharsets.US_ASCII));
			})
			.list();
	}

	/**
	 * One batch: one query for who holds any of its PINs, then one insert. Returns why
	 * each PIN refused was refused, by the line it came from.
	 */
	private Map<Long, String> set(List<Staged> batch) {
		Map<Long, String> refused = new LinkedHashMap<>();
		Map<Staged, List<byte[]>> digests = new LinkedHashMap<>();
		batch.forEach((pin) -> digests.put(pin, this.keys.digestsUnderEveryKey(pin.pin())));
		Map<ByteBuffer, Long> holders = this.pins.holders(digests.values().stream().flatMap(List::stream).toList());
		Timestamp now = Timestamp.from(this.clock.instant());
		List<Long> setFor = new ArrayList<>();
		List<Object[]> rows = new ArrayList<>();
		digests.forEach((pin, pinDigests) -> {
			boolean taken = pinDigests.stream()
				.map((digest) -> holders.get(ByteBuffer.wrap(digest)))
				.anyMatch((holder) -> holder != null && holder.longValue() != pin.userId());
			if (taken) {
				refused.put(pin.line(), new PinTakenException().getMessage());
				return;
			}
			pinDigests.forEach((digest) -> holders.put(ByteBuffer.wrap(digest), pin.userId()));
			setFor.add(pin.userId());
			rows.add(new Object[] { pin.userId(), pinDigests.get(0), this.keys.currentKeyId(), pin.pin().length(),
					now });
		});
		if (!setFor.isEmpty()) {
			this.pins.deleteAll(setFor);
			this.pins.insertAll(rows);
		}
		return refused;
	}

	private static byte[] boundTo(long runId, long userId) {
		return SecretBox.boundTo("staged_pin", PURPOSE, String.valueOf(runId), String.valueOf(userId));
	}

	/** A PIN a source brought for a user, from a line of the source. */
	public record ImportedPin(long userId, long line, String pin) {

		@Override
		public String toString() {
			return "ImportedPin[userId=" + this.userId + ", line=" + this.line + ", pin=<hidden>]";
		}

	}

	private record Staged(long userId, long line, String pin) {

		@Override
		public String toString() {
			return "Staged[userId=" + this.userId + ", line=" + this.line + "]";
		}

	}

}
