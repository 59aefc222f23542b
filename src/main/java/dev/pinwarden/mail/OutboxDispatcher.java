package dev.pinwarden.mail;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
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
 * Sends queued mail. Each batch is claimed with {@code FOR UPDATE SKIP LOCKED} and its
 * rows stay locked while it is sent and until its outcome commits, so no other node (or
 * thread) can send the same message; if this node dies mid-batch, the locks go with its
 * connection and the messages are sent by whoever comes next. Each node sends over
 * {@code pinwarden.mail.connections} connections at once. A mail whose PIN has changed
 * since it was queued is not sent. Temporary failures are retried with exponential
 * back-off; 5xx refusals are marked failed with the server's reason.
 */
@Component
public class OutboxDispatcher {

	private static final Logger log = LoggerFactory.getLogger(OutboxDispatcher.class);

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
			TransactionTemplate transactions, MailMetrics metrics) {
		this.metrics = metrics;
		this.outbox = outbox;
		this.sealer = sealer;
		this.mailer = mailer;
		this.properties = properties;
		this.transactions = transactions;
		this.clock = Clock.systemUTC();
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

	/** Claims, sends and records one batch in one transaction. */
	private Batch dispatchOne() {
		Batch batch = this.transactions.execute((status) -> {
			List<Outbox.Claimed> claimed = this.outbox.claimDue(this.clock.instant(), this.properties.batchSize());
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
					this.outbox.markFailed(mail.id(), "its content cannot be decrypted with PIN key " + mail.keyId());
					this.metrics.failed(1);
					settled++;
				}
			}
			if (!stale.isEmpty()) {
				this.outbox.markSuperseded(stale);
				this.metrics.superseded(stale.size());
				settled += stale.size();
			}
			if (!envelopes.isEmpty()) {
				settled += record(claimed, this.mailer.send(envelopes));
			}
			return new Batch(claimed.size(), settled);
		});
		return (batch != null) ? batch : new Batch(0, 0);
	}

	/**
	 * How many messages a batch claimed, and how many of them it settled (sent or given
	 * up).
	 */
	private record Batch(int claimed, int settled) {
	}

	private int record(List<Outbox.Claimed> claimed, List<SmtpMailer.Result> results) {
		List<Long> sent = new ArrayList<>();
		int retried = 0;
		int failed = 0;
		for (SmtpMailer.Result result : results) {
			switch (result.outcome()) {
				case SENT -> sent.add(result.id());
				case FAILED -> {
					this.outbox.markFailed(result.id(), result.error());
					log.warn("Mail {} failed for good: {}", result.id(), result.error());
					failed++;
				}
				case RETRY -> {
					int attempts = attemptsOf(claimed, result.id()) + 1;
					this.outbox.markRetry(result.id(), this.clock.instant().plus(this.properties.retryDelay(attempts)),
							result.error());
					retried++;
				}
			}
		}
		if (!sent.isEmpty()) {
			this.outbox.markSent(sent);
		}
		this.metrics.sent(sent.size());
		this.metrics.failed(failed);
		this.metrics.retried(retried);
		if (retried > 0) {
			log.warn("{} mails could not be sent and will be retried: {}", retried,
					results.stream()
						.filter((r) -> r.error() != null)
						.findFirst()
						.map(SmtpMailer.Result::error)
						.orElse(""));
		}
		log.debug("Sent {} mails", sent.size());
		return results.size() - retried;
	}

	private static int attemptsOf(List<Outbox.Claimed> claimed, long id) {
		return claimed.stream().filter((mail) -> mail.id() == id).findFirst().map(Outbox.Claimed::attempts).orElse(0);
	}

}
