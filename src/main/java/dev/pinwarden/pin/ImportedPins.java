package dev.pinwarden.pin;

import java.nio.ByteBuffer;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.pinwarden.Audited;
import dev.pinwarden.JobLocks;

/**
 * PINs a sync brings along (a CSV's {@code pin} column), set a batch at a time under the
 * same rules and the same lock as {@link PinService#setPin}.
 */
@Service
public class ImportedPins {

	private final PinRepository pins;

	private final JobLocks locks;

	private final PinKeyRing keys;

	private final MinimalPinLengthSource settings;

	private final ApplicationEventPublisher events;

	ImportedPins(PinRepository pins, JobLocks locks, PinKeyRing keys, MinimalPinLengthSource settings,
			ApplicationEventPublisher events) {
		this.pins = pins;
		this.locks = locks;
		this.keys = keys;
		this.settings = settings;
		this.events = events;
	}

	/**
	 * Sets PINs a sync brought along, checked like an admin's
	 * ({@link PinService#setPin}), a batch at a time: the rules for each, then one query
	 * for who holds any of them, then one insert. A PIN held by another user, or by an
	 * earlier user of the same batch, is refused. Returns why each refused PIN was
	 * refused, by user id; the others are set.
	 */
	@Transactional
	public Map<Long, String> setAll(Map<Long, String> pinsByUser) {
		Map<Long, String> refused = new LinkedHashMap<>();
		if (pinsByUser.isEmpty()) {
			return refused;
		}
		int minimalLength = this.settings.minimalPinLength();
		this.locks.lock(PinService.WRITE_LOCK);
		Map<Long, List<byte[]>> wellFormed = new LinkedHashMap<>();
		pinsByUser.forEach((userId, pin) -> {
			try {
				PinPolicy.checkChosenPin(pin, minimalLength);
				wellFormed.put(userId, this.keys.digestsUnderEveryKey(pin));
			}
			catch (PinRuleViolationException ex) {
				refused.put(userId, ex.getMessage());
			}
		});
		Map<ByteBuffer, Long> holders = this.pins.holders(wellFormed.values().stream().flatMap(List::stream).toList());
		Timestamp now = Timestamp.from(Instant.now());
		List<Long> setFor = new ArrayList<>();
		List<Object[]> rows = new ArrayList<>();
		wellFormed.forEach((userId, digests) -> {
			boolean taken = digests.stream()
				.map((digest) -> holders.get(ByteBuffer.wrap(digest)))
				.anyMatch((holder) -> holder != null && holder.longValue() != userId);
			if (taken) {
				refused.put(userId, new PinTakenException().getMessage());
				return;
			}
			digests.forEach((digest) -> holders.put(ByteBuffer.wrap(digest), userId));
			setFor.add(userId);
			rows.add(new Object[] { userId, digests.get(0), this.keys.currentKeyId(), pinsByUser.get(userId).length(),
					now });
		});
		this.pins.deleteAll(setFor);
		this.pins.insertAll(rows);
		if (!setFor.isEmpty()) {
			this.events.publishEvent(Audited.of("pin.set", setFor.size() + " users", "imported by a sync"));
		}
		return refused;
	}

}
