package dev.pinwarden.pin;

import java.nio.ByteBuffer;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.pinwarden.Audited;
import dev.pinwarden.jdbc.GrowingTable;

/**
 * Gives, takes and looks up users' PINs. How its writes meet other writes, on this node
 * or another, is {@link PinWrites}.
 */
@Service
public class PinService {

	/**
	 * Rounds of a batch's picks against the stored PINs: a round leaves only the picks
	 * that met a stored PIN, about as few as the PINs are dense.
	 */
	private static final int MAX_ROUNDS = 100;

	private final PinRepository pins;

	private final PinWrites writes;

	private final PinKeyRing keys;

	private final PinCandidates candidates;

	private final MinimalPinLengthSource settings;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	PinService(PinWrites writes, PinRepository pins, PinKeyRing keys, PinCandidates candidates,
			MinimalPinLengthSource settings, ApplicationEventPublisher events, Clock clock) {
		this.clock = clock;
		this.writes = writes;
		this.pins = pins;
		this.keys = keys;
		this.candidates = candidates;
		this.settings = settings;
		this.events = events;
	}

	/**
	 * Sets a PIN an admin chose, after checking it against the {@link PinPolicy}. A
	 * refused PIN is refused before anything is written, so it does not spoil a
	 * surrounding transaction (a sync goes on with its other users).
	 */
	@Transactional(noRollbackFor = { PinRuleViolationException.class, PinTakenException.class })
	public void setPin(long userId, String pin) {
		PinPolicy.checkChosenPin(pin, this.settings.minimalPinLength());
		List<byte[]> digests = this.keys.digestsUnderEveryKey(pin);
		this.writes.ofOneUser(() -> {
			Optional<Long> holder = this.pins.findHolder(digests);
			if (holder.isPresent() && holder.get() != userId) {
				throw new PinTakenException();
			}
			this.pins.replace(userId, digests.get(0), this.keys.currentKeyId(), pin.length());
			return null;
		});
		this.events.publishEvent(Audited.ofUser("pin.set", userId, pin.length() + " digits"));
	}

	/**
	 * Replaces the user's PIN, if any, by a new random one of the length in force, and
	 * publishes {@link PinsGenerated} so that it can be mailed in the same transaction.
	 */
	@Transactional
	public GeneratedPin generate(long userId, PinsGenerated.Reason reason) {
		int length = lengths().generatedPinLength();
		PinCandidates.Candidate free = this.writes.ofOneUser(() -> {
			PinCandidates.Candidate picked = pickFree(length);
			this.pins.replace(userId, picked.digest(), this.keys.currentKeyId(), length);
			return picked;
		});
		GeneratedPin generated = new GeneratedPin(userId, free.pin());
		this.events.publishEvent(new PinsGenerated(List.of(generated), reason));
		return generated;
	}

	/**
	 * As {@link #generate}, for a user that has no PIN; none when the user has one, also
	 * one that another write gave it meanwhile (an administrator's generate beside a
	 * provider's reactivation), which stays.
	 */
	@Transactional
	public Optional<GeneratedPin> generateIfNone(long userId, PinsGenerated.Reason reason) {
		int length = lengths().generatedPinLength();
		Optional<PinCandidates.Candidate> free = this.writes.ofOneUser(() -> {
			if (this.pins.findStatus(userId).isPresent()) {
				return Optional.empty();
			}
			PinCandidates.Candidate picked = pickFree(length);
			this.pins.insert(userId, picked.digest(), this.keys.currentKeyId(), length);
			return Optional.of(picked);
		});
		return free.map((picked) -> {
			GeneratedPin generated = new GeneratedPin(userId, picked.pin());
			this.events.publishEvent(new PinsGenerated(List.of(generated), reason));
			return generated;
		});
	}

	/**
	 * A random PIN of this length that is neither a PIN nor a temporary PIN under any
	 * key, with its digest under the current key: free when it was picked, as
	 * {@link PinWrites} keeps it.
	 */
	PinCandidates.Candidate pickFree(int length) {
		return this.candidates.pick(length, (digests) -> this.pins.findHolder(digests).isPresent());
	}

	/**
	 * The PIN table, about to grow in the current transaction by {@link #generateMany}
	 * calls (a sync); see {@link GrowingTable}.
	 */
	public GrowingTable growing() {
		return this.pins.growing();
	}

	/**
	 * Generates PINs for those of many users (a sync) that have none, in batches: the
	 * candidates of a batch are checked against each other in memory and against the
	 * stored PINs in one query. A PIN given meanwhile (an administrator's generate)
	 * stays: the batch is worked out again when its insert meets it. Publishes one
	 * {@link PinsGenerated} per call.
	 */
	@Transactional
	public List<GeneratedPin> generateMany(List<Long> userIds, PinsGenerated.Reason reason) {
		return generateMany(userIds, reason, lengths().generatedPinLength());
	}

	/**
	 * As {@link #generateMany(List, PinsGenerated.Reason)}, with a length the caller
	 * worked out once for many batches (a sync, whose user count does not change while it
	 * makes PINs).
	 */
	@Transactional
	public List<GeneratedPin> generateMany(List<Long> users, PinsGenerated.Reason reason, int length) {
		if (users.isEmpty()) {
			return List.of();
		}
		this.writes.forManyUsers();
		List<GeneratedPin> generated = this.writes.batch(() -> insertNew(users, length));
		if (!generated.isEmpty()) {
			this.events.publishEvent(new PinsGenerated(generated, reason));
		}
		return generated;
	}

	/** New PINs for those of the users that have none, picked and inserted. */
	private List<GeneratedPin> insertNew(List<Long> users, int length) {
		List<Long> userIds = this.pins.withoutPin(users);
		if (userIds.isEmpty()) {
			return List.of();
		}
		List<GeneratedPin> generated = new ArrayList<>(userIds.size());
		List<Object[]> rows = new ArrayList<>(userIds.size());
		Set<ByteBuffer> chosen = new HashSet<>();
		List<Long> remaining = userIds;
		for (int round = 0; !remaining.isEmpty(); round++) {
			if (round == MAX_ROUNDS) {
				throw new IllegalStateException("No free PINs of length " + length + " found");
			}
			Map<Long, PinCandidates.Candidate> picked = new LinkedHashMap<>();
			List<byte[]> allDigests = new ArrayList<>();
			for (long userId : remaining) {
				PinCandidates.Candidate candidate = this.candidates.pick(length,
						(digests) -> digests.stream().anyMatch((digest) -> chosen.contains(ByteBuffer.wrap(digest))));
				candidate.digests().forEach((digest) -> chosen.add(ByteBuffer.wrap(digest)));
				picked.put(userId, candidate);
				allDigests.addAll(candidate.digests());
			}
			Set<ByteBuffer> taken = new HashSet<>();
			this.pins.existingDigests(allDigests).forEach((digest) -> taken.add(ByteBuffer.wrap(digest)));
			List<Long> retry = new ArrayList<>();
			Timestamp now = Timestamp.from(this.clock.instant());
			picked.forEach((userId, candidate) -> {
				if (candidate.digests().stream().anyMatch((digest) -> taken.contains(ByteBuffer.wrap(digest)))) {
					retry.add(userId);
				}
				else {
					rows.add(new Object[] { userId, candidate.digest(), this.keys.currentKeyId(), length, now });
					generated.add(new GeneratedPin(userId, candidate.pin()));
				}
			});
			remaining = retry;
		}
		this.pins.insertAll(rows);
		return generated;
	}

	/** Removes the user's PIN; false when there was none. */
	@Transactional
	public boolean deletePin(long userId) {
		boolean deleted = this.writes.ofOneUser(() -> this.pins.delete(userId));
		if (deleted) {
			this.events.publishEvent(Audited.ofUser("pin.deleted", userId, null));
		}
		return deleted;
	}

	/** Deletes these users' PINs; the users that had one. */
	@Transactional
	public List<Long> deletePins(List<Long> userIds) {
		if (userIds.isEmpty()) {
			return List.of();
		}
		this.writes.forDeletes();
		Set<Long> without = new HashSet<>(this.pins.withoutPin(userIds));
		List<Long> holders = userIds.stream().filter((id) -> !without.contains(id)).toList();
		this.pins.deleteAll(holders);
		holders.forEach((userId) -> this.events.publishEvent(Audited.ofUser("pin.deleted", userId, null)));
		return holders;
	}

	/**
	 * The active user holding this PIN, if any. A deactivated user's PIN finds nobody.
	 */
	@Transactional(readOnly = true)
	public Optional<Long> findActiveHolder(String pin) {
		List<byte[]> digests = this.keys.digestsToLookUp(pin);
		return digests.isEmpty() ? Optional.empty() : this.pins.findActiveHolder(digests);
	}

	@Transactional(readOnly = true)
	public Optional<PinStatus> findStatus(long userId) {
		return this.pins.findStatus(userId);
	}

	/**
	 * How many PINs and unexpired temporary PINs of active users there are of each
	 * length: what a guess at a terminal could hit.
	 */
	@Transactional(readOnly = true)
	public java.util.SortedMap<Integer, Long> activePinsByLength() {
		return this.pins.activePinsByLength(this.clock.instant());
	}

	@Transactional(readOnly = true)
	public PinLengths lengths() {
		return PinLengths.of(this.pins.countUsers(), this.settings.minimalPinLength());
	}

}
