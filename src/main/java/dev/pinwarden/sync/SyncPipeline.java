package dev.pinwarden.sync;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

import dev.pinwarden.ApplicationException;
import dev.pinwarden.jdbc.GrowingTable;
import dev.pinwarden.JobProgress;
import dev.pinwarden.Audited;
import dev.pinwarden.jdbc.JobLocks;
import dev.pinwarden.card.SourceCardSync;
import dev.pinwarden.card.SourceCardSync.SourceCards;
import dev.pinwarden.pin.ImportedPins;
import dev.pinwarden.pin.ImportedPins.ImportedPin;
import dev.pinwarden.pin.PinService;
import dev.pinwarden.pin.PinsGenerated;
import dev.pinwarden.settings.PinSettingsService;
import dev.pinwarden.user.DepartedCredentials;
import dev.pinwarden.user.SyncedUser;
import dev.pinwarden.user.SyncedUsers;
import dev.pinwarden.user.SyncedUsers.LineError;
import dev.pinwarden.user.UsernameTakenException;

/**
 * The one way users come in from a source, whatever the source:
 * <ol>
 * <li>read the source's records, streaming, and write them in batches of
 * {@value #BATCH_SIZE} (bad entries are reported by line and skipped);</li>
 * <li>with "generate PIN for users created in synchronization or manual input" on, give a
 * PIN to every user of the run that has none, but only to users with an email address
 * (the others are counted as skipped); the length rule sees the user count after the
 * sync;</li>
 * <li>optionally deactivate the source's users the run did not see.</li>
 * </ol>
 * A run is one transaction, holding the source's lock: it commits whole or not at all,
 * and a second run of the same source meanwhile is told that one is running.
 */
@Service
public class SyncPipeline {

	private static final Logger log = LoggerFactory.getLogger(SyncPipeline.class);

	static final int BATCH_SIZE = 1000;

	private final SyncedUsers users;

	private final PinService pins;

	private final ImportedPins importedPins;

	private final PinSettingsService settings;

	private final JobLocks locks;

	private final SyncRuns runs;

	private final TransactionTemplate transactions;

	private final MeterRegistry meters;

	private final SourceCardSync cards;

	private final ApplicationEventPublisher events;

	private final DepartedCredentials departed;

	SyncPipeline(SyncedUsers users, PinService pins, ImportedPins importedPins, SourceCardSync cards,
			PinSettingsService settings, JobLocks locks, SyncRuns runs, TransactionTemplate transactions,
			MeterRegistry meters, ApplicationEventPublisher events, DepartedCredentials departed) {
		this.departed = departed;
		this.cards = cards;
		this.events = events;
		this.meters = meters;
		this.users = users;
		this.pins = pins;
		this.importedPins = importedPins;
		this.settings = settings;
		this.locks = locks;
		this.runs = runs;
		this.transactions = transactions;
	}

	public SyncReport run(String source, UserSource records, boolean deactivateMissing) {
		return run(source, records, deactivateMissing, JobProgress.NONE);
	}

	/**
	 * A run as a job: its progress is reported by phase ("reading", "writing PINs" the
	 * file gave, "generating PINs"), and a cancel between two batches rolls the whole run
	 * back.
	 */
	public SyncReport run(String source, UserSource records, boolean deactivateMissing, JobProgress progress) {
		Timer.Sample sample = Timer.start(this.meters);
		String outcome = "failed";
		long runId = this.runs.start(source);
		try {
			SyncReport report = this.transactions.execute((status) -> {
				if (!this.locks.tryLock("sync-" + source)) {
					throw new SyncRunningException(source);
				}
				// with the lock, no other run of the source is going on: one still
				// "running" was left by a node that stopped
				this.runs.abandonOthers(source, runId);
				return apply(source, runId, records, deactivateMissing, progress);
			});
			// recorded only now, after the commit: a commit that fails is a failed run
			this.runs.succeeded(report);
			outcome = "done";
			return report;
		}
		catch (SyncRunningException ex) {
			// not a run: the one that is running is
			this.runs.discard(runId);
			outcome = "refused";
			throw ex;
		}
		catch (RuntimeException ex) {
			this.runs.failed(runId, (ex instanceof ApplicationException) ? ex.getMessage()
					: "the sync failed unexpectedly: " + ex.getClass().getSimpleName());
			throw ex;
		}
		finally {
			sample.stop(Timer.builder("pinwarden.sync.duration")
				.description("Sync runs, by source and outcome")
				.tag("source", source)
				.tag("outcome", outcome)
				.register(this.meters));
		}
	}

	/**
	 * Applies one user pushed by a source such as SCIM, by the same rules as a run:
	 * written, and given a PIN (mailed) if generation is on, it is active, has an email
	 * address and has no PIN yet. Not recorded as a run and not holding the source's
	 * lock, so that an identity provider may push users in parallel. Returns the user's
	 * id.
	 */
	public long applyOne(String source, SyncedUser user) {
		return applyOne(source, user, false);
	}

	/**
	 * Creates one user pushed by a source, as {@link #applyOne(String, SyncedUser)}; if
	 * somebody holds the name by then (another request created it at the same moment),
	 * the transaction is rolled back and nobody is taken over.
	 * @throws UsernameTakenException when the name is taken
	 */
	public long createOne(String source, SyncedUser user) {
		return applyOne(source, user, true);
	}

	/**
	 * Adds cards to, and removes cards from, those a source gave one user (a SCIM
	 * provider's PATCH), in the caller's transaction; a card another user holds is
	 * skipped and said in the audit log, as {@link #applyOne(String, SyncedUser)} does.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void changeCards(String source, long userId, List<String> added, List<String> removed) {
		if (added.isEmpty() && removed.isEmpty()) {
			return;
		}
		this.cards.changeFromSource(source, userId, added, removed)
			.forEach((problem) -> this.events
				.publishEvent(Audited.ofUser("sync.card.skipped", userId, source + ": " + problem.message())));
	}

	private long applyOne(String source, SyncedUser user, boolean createOnly) {
		return this.transactions.execute((status) -> {
			SyncedUsers.BatchResult result = this.users.upsert(List.of(user), source, null);
			if (createOnly && result.created() == 0 && result.errors().isEmpty()) {
				throw new UsernameTakenException(user.user().username());
			}
			if (!result.errors().isEmpty()) {
				throw new SyncSourceException("invalid_user", result.errors().get(0).message());
			}
			long id = this.users.idOf(user.user().username());
			SyncCounts counts = new SyncCounts();
			setCards(source, List.of(user), counts);
			// one user pushed has no report to tell: a card another user holds is skipped
			// and said in the audit log
			counts.report(0)
				.errors()
				.forEach((error) -> this.events
					.publishEvent(Audited.ofUser("sync.card.skipped", id, source + ": " + error.message())));
			if (!user.isActiveUser()) {
				this.departed.deactivated(List.of(id));
			}
			else if (user.user().pin() != null) {
				this.pins.setPin(id, user.user().pin());
			}
			else if (user.isActiveUser() && user.user().email() != null && this.pins.findStatus(id).isEmpty()
					&& this.settings.get().generatePinForNewUsers()) {
				// one user's PIN: a write of its own, that does not wait for a mass sync
				this.pins.generateIfNone(id, PinsGenerated.Reason.SYNC);
			}
			return id;
		});
	}

	private SyncReport apply(String source, long runId, UserSource records, boolean deactivateMissing,
			JobProgress progress) {
		long started = System.nanoTime();
		SyncCounts counts = new SyncCounts();
		progress.phase("reading", records.expectedRecords());
		GrowingTable userTable = this.users.growing();
		List<SyncedUser> batch = new ArrayList<>(BATCH_SIZE);
		records.read((record) -> {
			if (record instanceof SourceRecord.User user) {
				batch.add(user.user());
				if (batch.size() == BATCH_SIZE) {
					write(batch, source, runId, counts, userTable);
					progress.done(counts.seen);
					progress.checkCancelled();
				}
			}
			else if (record instanceof SourceRecord.Rejected rejected) {
				counts.error(new LineError(rejected.line(), rejected.message()));
			}
		});
		write(batch, source, runId, counts, userTable);
		progress.done(counts.seen);
		progress.checkCancelled();
		// the users are all in: what follows looks them up by id, run and source
		userTable.settled();
		List<Long> missing = List.of();
		if (deactivateMissing) {
			if (counts.seen == 0) {
				throw new SyncSourceException("sync_empty",
						"The source has no valid users; deactivating all of its users instead is refused");
			}
			missing = this.users.deactivateMissing(source, runId);
			counts.deactivated = missing.size();
		}
		// the users' rows are written: only now the PIN-writes lock (see JobLocks)
		progress.phase("writing PINs", null);
		setStagedPins(runId, counts);
		// with the setting on, the users the run leaves inactive hold no PIN nor card
		this.departed.deactivatedBySync(runId, missing);
		if (this.settings.get().generatePinForNewUsers()) {
			progress.phase("generating PINs", null);
			generatePins(runId, counts, progress);
			counts.skippedWithoutEmail = this.users.countWithoutPinAndEmail(runId);
		}
		// the last moment to stop: nothing is committed yet
		progress.beforeCommit();
		log.info(
				"{} sync {}: {} created, {} updated, {} deactivated, {} PINs generated, {} without email, {} errors in {} ms",
				source, runId, counts.created, counts.updated, counts.deactivated, counts.pinsGenerated,
				counts.skippedWithoutEmail, counts.errorCount, (System.nanoTime() - started) / 1_000_000);
		return counts.report(runId);
	}

	private void write(List<SyncedUser> batch, String source, long runId, SyncCounts counts, GrowingTable userTable) {
		if (batch.isEmpty()) {
			return;
		}
		SyncedUsers.BatchResult result = this.users.upsert(batch, source, runId);
		userTable.added(result.created());
		counts.created += result.created();
		counts.updated += result.updated();
		counts.keptDeactivated += result.keptDeactivated();
		counts.renamed += result.renamed();
		counts.seen += result.accepted().size();
		result.errors().forEach(counts::error);
		stagePins(runId, result.accepted(), counts);
		setCards(source, result.accepted(), counts);
		if (counts.seen / 10_000 != (counts.seen - result.accepted().size()) / 10_000) {
			log.info("{} sync {}: {} users read", source, runId, counts.seen);
		}
		batch.clear();
	}

	/**
	 * PINs brought along by the source, for the batch's users at once: checked like one
	 * an admin types in, and staged until the run sets them after all of its users; a
	 * refused PIN is reported on its line and the user synced without it.
	 */
	private void stagePins(long runId, List<SyncedUser> accepted, SyncCounts counts) {
		List<SyncedUser> withPin = accepted.stream().filter((user) -> user.user().pin() != null).toList();
		if (withPin.isEmpty()) {
			return;
		}
		Map<String, Long> ids = this.users.idsOf(withPin.stream().map((user) -> user.user().username()).toList());
		List<ImportedPin> imported = withPin.stream()
			.map((user) -> new ImportedPin(ids.get(user.user().username()), user.line(), user.user().pin()))
			.toList();
		Map<Long, String> refused = this.importedPins.stage(runId, imported);
		for (ImportedPin pin : imported) {
			String reason = refused.get(pin.userId());
			if (reason != null) {
				counts.error(pinRefused(pin.line(), reason));
			}
		}
	}

	/**
	 * The cards the source lists for the batch's users, for those it lists cards of (a
	 * file with the column); the others keep theirs.
	 */
	private void setCards(String source, List<SyncedUser> accepted, SyncCounts counts) {
		List<SyncedUser> withCards = accepted.stream().filter((user) -> user.cards() != null).toList();
		if (withCards.isEmpty()) {
			return;
		}
		Map<String, Long> ids = this.users.idsOf(withCards.stream().map((user) -> user.user().username()).toList());
		List<SourceCards> batch = withCards.stream()
			.map((user) -> new SourceCards(ids.get(user.user().username()), user.line(), user.cards()))
			.toList();
		// a directory's entries have no line a person finds: each problem names its user
		Map<Long, String> usernames = withCards.stream()
			.collect(Collectors.toMap(SyncedUser::line, (user) -> user.user().username(), (a, b) -> a));
		this.cards.setFromSource(source, batch)
			.forEach((problem) -> counts
				.error(new LineError(problem.line(), usernames.get(problem.line()) + ": " + problem.message())));
	}

	private void setStagedPins(long runId, SyncCounts counts) {
		this.importedPins.setStaged(runId).forEach((line, reason) -> counts.error(pinRefused(line, reason)));
	}

	private static LineError pinRefused(long line, String reason) {
		return new LineError(line, "the user was synced, but not its PIN: " + reason);
	}

	private void generatePins(long runId, SyncCounts counts, JobProgress progress) {
		// the user count is final by now: every new PIN has the length it demands
		int length = this.pins.lengths().generatedPinLength();
		Optional<SyncedUsers.IdSpan> span = this.users.idSpan(runId);
		if (span.isEmpty()) {
			return;
		}
		GrowingTable pinTable = this.pins.growing();
		for (long after = span.get().first() - 1; after < span.get().last(); after += BATCH_SIZE) {
			List<Long> ids = this.users.needingPin(runId, after, after + BATCH_SIZE);
			int generated = this.pins.generateMany(ids, PinsGenerated.Reason.SYNC, length).size();
			// each batch's new PINs are checked against the stored ones by digest
			pinTable.added(generated);
			counts.pinsGenerated += generated;
			progress.done(counts.pinsGenerated);
			progress.checkCancelled();
		}
	}

}
