package dev.pinwarden.pin;

import java.time.Duration;
import java.util.function.Supplier;

import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import dev.pinwarden.jdbc.JobLocks;

/**
 * How writes of PINs meet, on this node or another. A write picks a PIN that no stored
 * PIN or temporary PIN has under any key, then inserts it under the current key; the
 * unique indexes of {@code pin} (digest, user) catch what two writers picked or did at
 * once. So writers of one user's PIN and a sync's batches run side by side, each with a
 * share of the {@code pin-writes} lock ({@link JobLocks}), and a write that meets another
 * one's PIN is done again in its savepoint: with a new PIN, or, for a PIN the admin
 * chose, refused as taken. Only what the indexes cannot keep runs alone, with every
 * share: a temporary PIN, unique across two tables, and a regeneration, which replaces
 * all PINs.
 * <p>
 * A write of one user's PIN waits at most {@link #WAIT} for any lock: when a sync is
 * writing this very user's PIN, or holds an uncommitted PIN it picked too, it is tried
 * again, and after {@link #ATTEMPTS} tries answered as busy instead of waiting for the
 * sync's commit.
 */
@Component
class PinWrites {

	static final String LOCK = "pin-writes";

	static final String BULK_LOCK = "pin-bulk-writes";

	static final Duration WAIT = Duration.ofMillis(500);

	static final int ATTEMPTS = 3;

	/** A sync's batch meets the PINs that writers of one user committed meanwhile. */
	private static final int BATCH_ATTEMPTS = 10;

	private final JobLocks locks;

	private final TransactionTemplate savepoint;

	PinWrites(JobLocks locks, PlatformTransactionManager transactions) {
		this.locks = locks;
		this.savepoint = new TransactionTemplate(transactions);
		this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
	}

	/**
	 * Writes one user's PIN with a share of the lock, in a savepoint, again after a
	 * conflict with another write.
	 */
	<T> T ofOneUser(Supplier<T> write) {
		return this.locks.waitingAtMost(WAIT, () -> {
			this.locks.lockShared(LOCK);
			for (int attempt = 1;; attempt++) {
				try {
					return this.savepoint.execute((status) -> write.get());
				}
				catch (DuplicateKeyException ex) {
					if (attempt == ATTEMPTS) {
						throw new CannotAcquireLockException("PIN writes kept meeting other writes", ex);
					}
				}
				catch (DataAccessException ex) {
					if (attempt == ATTEMPTS || !JobLocks.isLockNotAvailable(ex)) {
						throw ex;
					}
				}
			}
		});
	}

	/**
	 * Takes what a writer of many PINs holds until it commits: the bulk writers' lock and
	 * a share.
	 */
	void forManyUsers() {
		this.locks.lock(BULK_LOCK);
		this.locks.lockShared(LOCK);
	}

	/**
	 * One batch of a writer of many PINs (after {@link #forManyUsers}), in a savepoint,
	 * again when it meets a PIN that a writer of one user committed meanwhile; the batch
	 * works out its PINs anew each time.
	 */
	<T> T batch(Supplier<T> write) {
		for (int attempt = 1;; attempt++) {
			try {
				return this.savepoint.execute((status) -> write.get());
			}
			catch (DuplicateKeyException ex) {
				if (attempt == BATCH_ATTEMPTS) {
					throw ex;
				}
			}
		}
	}

	/** A write that inserts no PIN (a delete): a share is enough. */
	void forDeletes() {
		this.locks.lockShared(LOCK);
	}

	/** Every share: no other PIN write runs until the current transaction ends. */
	void alone() {
		this.locks.lock(LOCK);
	}

	/**
	 * Every share, for a write about one user (a temporary PIN): waits at most
	 * {@link #WAIT} for each, so that it answers busy while a sync writes PINs.
	 */
	<T> T aloneForOneUser(Supplier<T> write) {
		return this.locks.waitingAtMost(WAIT, () -> {
			alone();
			return write.get();
		});
	}

}
