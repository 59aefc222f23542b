package dev.pinwarden.pin;

import java.nio.ByteBuffer;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import dev.pinwarden.jdbc.JobLocks;
import dev.pinwarden.JobProgress;

/**
 * Regenerates the PIN of every active user in one transaction: the old PINs are deleted,
 * new ones of the length in force are generated and inserted in batches, and either all
 * of it commits or none. The new PINs of users without an email address go into PIN
 * letters for the administrator to hand out, or those users keep their PINs. Inactive
 * users keep their PINs, so the new PINs avoid theirs. Uniqueness among the new PINs is
 * checked in memory (32 bytes a PIN), which keeps the work one batch insert per thousand
 * users.
 */
@Service
public class PinRegeneration {

	private static final Logger log = LoggerFactory.getLogger(PinRegeneration.class);

	static final String REGENERATION_LOCK = "pin-regeneration";

	private static final int BATCH_SIZE = 1000;

	private final PinRepository pins;

	private final JobLocks locks;

	private final PinWrites writes;

	private final PinKeyRing keys;

	private final PinCandidates candidates;

	private final PinService pinService;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transactions;

	private final MeterRegistry meters;

	private final PinLetters letters;

	private final Clock clock;

	PinRegeneration(JobLocks locks, PinWrites writes, PinRepository pins, PinKeyRing keys, PinCandidates candidates,
			PinService pinService, ApplicationEventPublisher events, TransactionTemplate transactions,
			MeterRegistry meters, PinLetters letters, Clock clock) {
		this.clock = clock;
		this.letters = letters;
		this.transactions = transactions;
		this.meters = meters;
		this.locks = locks;
		this.writes = writes;
		this.pins = pins;
		this.keys = keys;
		this.candidates = candidates;
		this.pinService = pinService;
		this.events = events;
	}

	/**
	 * Regenerates every active user's PIN; the time it takes, commit included, goes to
	 * {@code pinwarden.pin.regeneration}.
	 */
	public RegenerationResult regenerateAll(RegenerationResult.UsersWithoutEmail usersWithoutEmail) {
		return regenerateAll(usersWithoutEmail, JobProgress.NONE);
	}

	/**
	 * A regeneration as a job: its progress is the users given a new PIN so far, and a
	 * cancel between two batches rolls it all back.
	 */
	public RegenerationResult regenerateAll(RegenerationResult.UsersWithoutEmail usersWithoutEmail,
			JobProgress progress) {
		Timer.Sample sample = Timer.start(this.meters);
		String outcome = "failed";
		try {
			RegenerationResult result = this.transactions.execute((status) -> regenerateInTransaction(
					usersWithoutEmail == RegenerationResult.UsersWithoutEmail.KEEP, progress));
			outcome = "done";
			return result;
		}
		catch (RegenerationRunningException ex) {
			outcome = "refused";
			throw ex;
		}
		finally {
			sample.stop(Timer.builder("pinwarden.pin.regeneration")
				.description("Mass PIN regenerations, commit included")
				.tag("outcome", outcome)
				.register(this.meters));
		}
	}

	private RegenerationResult regenerateInTransaction(boolean keepWithoutEmail, JobProgress progress) {
		if (!this.locks.tryLock(REGENERATION_LOCK)) {
			throw new RegenerationRunningException();
		}
		this.writes.alone();
		long started = System.nanoTime();
		int length = this.pinService.lengths().generatedPinLength();
		int deleted = this.pins.deleteOfActiveUsers(keepWithoutEmail);
		int temporaryDeleted = this.pins.deleteTemporaryOfActiveUsers(keepWithoutEmail);
		int kept = keepWithoutEmail ? this.pins.activeUsersWithoutEmail() : 0;
		progress.phase("generating PINs", (long) this.pins.countActiveUsers() - kept);
		Set<ByteBuffer> taken = new HashSet<>();
		this.pins.forEachDigest((digest) -> taken.add(ByteBuffer.wrap(digest)));
		log.info("Regenerating PINs of all active users: {} old PINs deleted, new length {}", deleted, length);

		int regenerated = 0;
		int emailed = 0;
		long lastId = 0;
		Long lettersId = null;
		List<PinRepository.Holder> holders;
		while (!(holders = this.pins.activeUsersAfter(lastId, BATCH_SIZE, keepWithoutEmail)).isEmpty()) {
			Timestamp now = Timestamp.from(this.clock.instant());
			List<Object[]> rows = new ArrayList<>(holders.size());
			List<GeneratedPin> generated = new ArrayList<>(holders.size());
			List<GeneratedPin> forLetters = new ArrayList<>();
			for (PinRepository.Holder holder : holders) {
				PinCandidates.Candidate fresh = freshPin(length, taken);
				rows.add(new Object[] { holder.userId(), fresh.digest(), this.keys.currentKeyId(), length, now });
				GeneratedPin pin = new GeneratedPin(holder.userId(), fresh.pin());
				generated.add(pin);
				if (holder.hasEmail()) {
					emailed++;
				}
				else {
					forLetters.add(pin);
				}
			}
			this.pins.insertAll(rows);
			if (!forLetters.isEmpty()) {
				// nobody could learn these PINs by mail: the administrator hands them out
				lettersId = (lettersId != null) ? lettersId : this.letters.open();
				this.letters.add(lettersId, forLetters);
			}
			this.events.publishEvent(new PinsGenerated(generated, PinsGenerated.Reason.REGENERATION));
			regenerated += holders.size();
			progress.done(regenerated);
			progress.checkCancelled();
			lastId = holders.get(holders.size() - 1).userId();
			if (regenerated % 10_000 == 0) {
				log.info("Regenerating PINs: {} done", regenerated);
			}
		}
		// the last moment to stop: nothing is committed yet
		progress.beforeCommit();
		log.info("Regenerated {} PINs in {} ms", regenerated, (System.nanoTime() - started) / 1_000_000);
		return new RegenerationResult(regenerated, emailed, regenerated - emailed, kept, temporaryDeleted, length,
				(lettersId != null) ? this.letters.info(lettersId) : null);
	}

	/** A new PIN, unique under every key among those taken; it is taken from now on. */
	private PinCandidates.Candidate freshPin(int length, Set<ByteBuffer> taken) {
		PinCandidates.Candidate fresh = this.candidates.pick(length,
				(digests) -> digests.stream().anyMatch((digest) -> taken.contains(ByteBuffer.wrap(digest))));
		taken.add(ByteBuffer.wrap(fresh.digest()));
		return fresh;
	}

}
