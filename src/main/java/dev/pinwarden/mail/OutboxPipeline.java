package dev.pinwarden.mail;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Supplier;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Queues mails that a transaction composes batch by batch, composing each batch on
 * another thread while the transaction goes on. Composing (templates, encryption) is the
 * JVM's work and writing a batch (COPY) the database's: a mass regeneration on two cores
 * composes batch n+1 while batch n is written, and costs about the larger of the two
 * instead of their sum. The transaction writes every batch before it commits, in order;
 * if it rolls back, the batches not yet written are dropped with it. Without a
 * transaction a batch is composed and written at once. A rollback to a savepoint does not
 * reach the batches still pending: queue no mail inside a nested transaction.
 */
@Component
class OutboxPipeline {

	private final Outbox outbox;

	private final AsyncTaskExecutor executor;

	OutboxPipeline(Outbox outbox, @Qualifier("applicationTaskExecutor") AsyncTaskExecutor executor) {
		this.outbox = outbox;
		this.executor = executor;
	}

	/**
	 * Composes a batch of mails and queues it in the current transaction: now, or at the
	 * latest before the transaction commits. A composition that fails makes the
	 * transaction fail.
	 */
	void enqueue(Supplier<List<Outbox.NewMail>> composition) {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			this.outbox.enqueue(composition.get());
			return;
		}
		Pending pending = (Pending) TransactionSynchronizationManager.getResource(this);
		if (pending == null) {
			pending = new Pending();
			TransactionSynchronizationManager.bindResource(this, pending);
			TransactionSynchronizationManager.registerSynchronization(pending);
		}
		pending.batches.add(this.executor.submit(composition::get));
		// one batch may be composed ahead; writing the older ones keeps memory flat
		pending.writeAllBut(1);
	}

	/** The batches a transaction has composed or is composing and not written yet. */
	private final class Pending implements TransactionSynchronization {

		private final Deque<Future<List<Outbox.NewMail>>> batches = new ArrayDeque<>();

		void writeAllBut(int kept) {
			while (this.batches.size() > kept) {
				OutboxPipeline.this.outbox.enqueue(await(this.batches.removeFirst()));
			}
		}

		// an inner REQUIRES_NEW transaction gets batches of its own while this one waits
		@Override
		public void suspend() {
			TransactionSynchronizationManager.unbindResource(OutboxPipeline.this);
		}

		@Override
		public void resume() {
			TransactionSynchronizationManager.bindResource(OutboxPipeline.this, this);
		}

		@Override
		public void beforeCommit(boolean readOnly) {
			writeAllBut(0);
		}

		@Override
		public void afterCompletion(int status) {
			this.batches.forEach((batch) -> batch.cancel(true));
			this.batches.clear();
			TransactionSynchronizationManager.unbindResourceIfPossible(OutboxPipeline.this);
		}

		private static List<Outbox.NewMail> await(Future<List<Outbox.NewMail>> batch) {
			try {
				return batch.get();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while mails were composed", ex);
			}
			catch (ExecutionException ex) {
				if (ex.getCause() instanceof RuntimeException cause) {
					throw cause;
				}
				throw new IllegalStateException("Mails could not be composed", ex.getCause());
			}
		}

	}

}
