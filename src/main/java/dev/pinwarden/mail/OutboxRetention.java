package dev.pinwarden.mail;

import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Forgets finished mails after {@code pinwarden.mail.retention-days}: every regeneration
 * adds a row per user, and the mail log only needs the recent ones. Queued mails are
 * never forgotten. Runs on every node (deleting twice deletes nothing), in batches that
 * each commit on their own, so that a first purge of millions of rows holds no long lock.
 */
@Component
class OutboxRetention {

	private static final Logger log = LoggerFactory.getLogger(OutboxRetention.class);

	static final int BATCH = 10_000;

	private final Outbox outbox;

	private final MailProperties properties;

	OutboxRetention(Outbox outbox, MailProperties properties) {
		this.outbox = outbox;
		this.properties = properties;
	}

	@Scheduled(fixedDelayString = "PT6H", initialDelayString = "PT2M")
	int purge() {
		Instant before = Instant.now().minus(Duration.ofDays(this.properties.retentionDays()));
		int total = 0;
		int removed;
		do {
			removed = this.outbox.deleteFinished(before, BATCH);
			total += removed;
		}
		while (removed == BATCH);
		if (total > 0) {
			log.info("Removed {} finished mails older than {} days from the outbox", total,
					this.properties.retentionDays());
		}
		return total;
	}

}
