package dev.pinwarden.mail;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends queued mail. Each batch is claimed with {@code FOR UPDATE SKIP LOCKED} and a
 * lease in a short transaction, so no other node (or thread) takes the same messages;
 * they are sent with no transaction open, and each outcome is recorded as soon as the
 * SMTP server has answered. If this node dies, its lease runs out and any node sends what
 * it had not recorded: at least once, a duplicate only for a message accepted but not yet
 * recorded, or in flight on a node stalled past its lease: that node's late outcome
 * leaves the other node's lease alone, and it sends no more of the messages it lost. Each
 * node sends over {@code pinwarden.mail.connections} connections at once. A mail whose
 * PIN has changed since it was queued is not sent. Temporary failures are retried with
 * exponential back-off; 5xx refusals are marked failed with the server's reason.
 */
@Component
public class OutboxDispatcher {

	private static final Logger log = LoggerFactory.getLogger(OutboxDispatcher.class);

	/**
	 * Sent messages recorded in one statement at most: a duplicate after a crash at most.
	 */
	static final int RECORD_EVERY = 10;

	/** How long a sent message waits for its record at most. */
	static final Duration RECORD_WITHIN = Duration.ofMillis(20);

	private final Outbox outbox;

	private final MailSealer sealer;

	private final SmtpMailer mailer;

	private final MailProperties properties;

	private final TransactionTemplate transactions;

	private final MailMetrics metrics;

	private final Clock clock;

	private final int connections;

	private final ExecutorService senders;

	OutboxDispatcher(Outbox outbox, MailSealer sealer, SmtpMailer mailer, MailProperties properties,
			TransactionTemplate transactions, MailMetrics metrics, Clock clock) {
		this.metrics = metrics;
		this.outbox = outbox;
		this.sealer = sealer;
		this.mailer = mailer;
		this.properties = properties;
		this.transactions = transactions;
		this.clock = clock;
		// each sender claims batches of its own (SKIP LOCKED keeps them apart) and sends
		// them over its own connection, so that one waits for the database while another
		// talks to the SMTP server
		this.connections = Math.max(1, properties.connections());
		this.senders = Executors.newFixedThreadPool(this.connections, new CustomizableThreadFactory("pinwarden-mail-"));
	}

	@Scheduled(fixedDelayString = "${pinwarden.mail.poll-interval:2s}",
			initialDelayString = "${pinwarden.mail.poll-interval:2s}")
	void poll() {
		if (!this.properties.smtpConfigured()) {
			return;
		}
		List<Future<Integer>> drains = new ArrayList<>();
		for (int i = 0; i < this.connections; i++) {
			drains.add(this.senders.submit(this::drain));
		}
		for (Future<Integer> drain : drains) {
			try {
				drain.get();
			}
			catch (ExecutionException ex) {
				log.error("Mail dispatch failed; it is tried again shortly", ex.getCause());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	/** Lets batches being sent finish, so that their outcome is recorded. */
	@PreDestroy
	void stop() throws InterruptedException {
		this.senders.shutdown();
		this.senders.awaitTermination(this.properties.readTimeout().toSeconds() + 5, TimeUnit.SECONDS);
	}

	/**
	 * Sends batches until no due mail is left, or until a batch gets nowhere (the SMTP
	 * server is down: the next poll tries again); returns the number of messages handled.
	 */
	public int drain() {
		int total = 0;
		Batch batch;
		do {
			batch = dispatchOne();
			total += batch.claimed();
		}
		while (batch.claimed() == this.properties.batchSize() && batch.settled() > 0);
		return total;
	}

	/** Claims, sends and records one batch; returns the number of messages claimed. */
	int dispatchBatch() {
		return dispatchOne().claimed();
	}

	/**
	 * Claims one batch with a lease in a short transaction, then sends it with no
	 * transaction open, recording each message's outcome as soon as the SMTP server has
	 * answered for it: a node that dies re-sends, through another node, only the message
	 * it had in flight on each connection.
	 */
	private Batch dispatchOne() {
		this.metrics.batchStarted();
		try {
			return claimAndSend();
		}
		finally {
			this.metrics.batchEnded();
		}
	}

	private Batch claimAndSend() {
		Instant now = this.clock.instant();
		Instant[] held = new Instant[1];
		List<Outbox.Claimed> claimed = this.transactions.execute((status) -> {
			List<Outbox.Claimed> due = this.outbox.claimDue(now, this.properties.batchSize());
			held[0] = this.outbox.lease(due.stream().map(Outbox.Claimed::id).toList(),
					now.plus(this.properties.lease()));
			return due;
		});
		if (claimed == null || claimed.isEmpty()) {
			return new Batch(0, 0);
		}
		List<Long> stale = new ArrayList<>();
		List<SmtpMailer.Envelope> envelopes = new ArrayList<>();
		int settled = 0;
		for (Outbox.Claimed mail : claimed) {
			if (mail.stale()) {
				stale.add(mail.id());
				continue;
			}
			try {
				envelopes.add(new SmtpMailer.Envelope(mail.id(), mail.recipient(), this.sealer.open(mail)));
			}
			catch (RuntimeException ex) {
				// one mail that cannot be opened must not hold up the others
				if (this.outbox.markFailed(mail.id(), held[0],
						"its content cannot be decrypted with PIN key " + mail.keyId())) {
					this.metrics.failed(1);
					settled++;
				}
			}
		}
		if (!stale.isEmpty()) {
			int superseded = this.outbox.markSuperseded(stale, held[0]);
			this.metrics.superseded(superseded);
			settled += superseded;
		}
		if (!envelopes.isEmpty()) {
			settled += send(claimed, envelopes, now, held[0]);
		}
		return new Batch(claimed.size(), settled);
	}

	/**
	 * Sends, recording the outcomes as the SMTP server gives them, and renews the lease
	 * of the rest in time: {@code held} is the lease the batch was claimed with, ending
	 * {@code lease} after {@code leased}.
	 */
	private int send(List<Outbox.Claimed> claimed, List<SmtpMailer.Envelope> envelopes, Instant leased, Instant held) {
		Map<Long, Integer> attempts = new HashMap<>();
		claimed.forEach((mail) -> attempts.put(mail.id(), mail.attempts()));
		Set<Long> unsent = new LinkedHashSet<>();
		envelopes.forEach((mail) -> unsent.add(mail.id()));
		Outcomes outcomes = new Outcomes();
		Instant[] leaseFrom = { leased };
		Instant[] lease = { held };
		// a message whose lease this node lost (it stalled for longer than the lease) is
		// another node's to send now
		this.mailer.send(envelopes, (mail) -> unsent.contains(mail.id()), (result) -> {
			record(result, attempts.get(result.id()), lease[0], outcomes);
			unsent.remove(result.id());
			Instant now = this.clock.instant();
			if (now.isAfter(leaseFrom[0].plus(this.properties.lease().dividedBy(2)))) {
				// a slow relay: keep the rest of the batch from other nodes a while
				// longer
				Outbox.Renewal renewal = this.outbox.renewLease(List.copyOf(unsent), lease[0],
						now.plus(this.properties.lease()));
				lease[0] = renewal.lease();
				unsent.retainAll(renewal.ids());
				leaseFrom[0] = now;
			}
		});
		outcomes.recordSent(this.outbox);
		this.metrics.sent(outcomes.sent);
		this.metrics.failed(outcomes.failed);
		this.metrics.retried(outcomes.retried);
		if (outcomes.retried > 0) {
			log.warn("{} mails could not be sent and will be retried: {}", outcomes.retried, outcomes.firstError);
		}
		log.debug("Sent {} mails", outcomes.sent);
		return outcomes.sent + outcomes.failed;
	}

	/**
	 * One message's outcome, recorded with no transaction open. Sent messages are
	 * recorded together once {@value #RECORD_EVERY} are waiting or {@link #RECORD_WITHIN}
	 * has passed: with a relay that takes a while for a message, each on its own; with a
	 * fast one, a few in a statement, which keeps the database's work per message small.
	 * A retry or a failure is recorded only while this node still holds the message under
	 * its lease {@code held}: once that ran out, another node may be sending it, and its
	 * outcome and lease are that node's. A sent message is recorded as sent whoever holds
	 * it: it went out.
	 */
	private void record(SmtpMailer.Result result, int attempts, Instant held, Outcomes outcomes) {
		switch (result.outcome()) {
			case SENT -> {
				outcomes.sentToRecord.add(result.id());
				outcomes.sent++;
				if (outcomes.sentToRecord.size() >= RECORD_EVERY
						|| System.nanoTime() - outcomes.recordedAt >= RECORD_WITHIN.toNanos()) {
					outcomes.recordSent(this.outbox);
				}
			}
			case FAILED -> {
				if (this.outbox.markFailed(result.id(), held, result.error())) {
					log.warn("Mail {} failed for good: {}", result.id(), result.error());
					outcomes.failed++;
				}
			}
			case RETRY -> {
				if (this.outbox.markRetry(result.id(), held,
						this.clock.instant().plus(this.properties.retryDelay(attempts + 1)), result.error())) {
					outcomes.retried++;
					if (outcomes.firstError == null) {
						outcomes.firstError = result.error();
					}
				}
			}
		}
	}

	/** What a batch came to, and the sent messages not yet recorded. */
	private static final class Outcomes {

		final List<Long> sentToRecord = new ArrayList<>();

		long recordedAt = System.nanoTime();

		int sent;

		int failed;

		int retried;

		String firstError;

		void recordSent(Outbox outbox) {
			if (!this.sentToRecord.isEmpty()) {
				outbox.markSent(List.copyOf(this.sentToRecord));
				this.sentToRecord.clear();
			}
			this.recordedAt = System.nanoTime();
		}

	}

	/**
	 * How many messages a batch claimed, and how many of them it settled (sent or given
	 * up).
	 */
	private record Batch(int claimed, int settled) {
	}

}
