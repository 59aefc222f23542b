package dev.pinwarden.support;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.springframework.transaction.support.TransactionTemplate;

import dev.pinwarden.jdbc.JobLocks;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A lock held in a transaction of another thread until closed: what a long write of
 * another request looks like to the work that waits for it.
 */
public final class HeldLock implements AutoCloseable {

	private final CountDownLatch release;

	private final CompletableFuture<Void> holder;

	private HeldLock(CountDownLatch release, CompletableFuture<Void> holder) {
		this.release = release;
		this.holder = holder;
	}

	/** A named lock of {@link JobLocks}. */
	public static HeldLock hold(String name, JobLocks locks, TransactionTemplate transactions)
			throws InterruptedException {
		return holding(() -> locks.lock(name), transactions);
	}

	/** Whatever {@code take} locks (a user's row, a named lock), held until closed. */
	public static HeldLock holding(Runnable take, TransactionTemplate transactions) throws InterruptedException {
		CountDownLatch taken = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		CompletableFuture<Void> holder = CompletableFuture.runAsync(() -> transactions.executeWithoutResult((s) -> {
			take.run();
			taken.countDown();
			try {
				release.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}));
		assertThat(taken.await(10, TimeUnit.SECONDS)).isTrue();
		return new HeldLock(release, holder);
	}

	@Override
	public void close() throws Exception {
		this.release.countDown();
		this.holder.get(10, TimeUnit.SECONDS);
	}

}
