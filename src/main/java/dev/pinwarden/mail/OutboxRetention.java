package dev.pinwarden.mail;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Gives up mail that could not be sent for days, and forgets finished mails after
 * {@code pinwarden.mail.retention-days}: every regeneration adds a row per user, and the
 * mail log only needs the recent ones. Queued mails are never forgotten. Runs on every
 * node (deleting twice deletes nothing), in batches that each commit on their own, so
 * that a first purge of millions of rows holds no long lock.
 */
@Component
class OutboxRetention {

	private static final Logger log = LoggerFactory.getLogger(OutboxRetention.class);

	static final int BATCH = 10_000;

	private final Outbox outbox;

	private final MailProperties properties;

	private final Clock clock;

	OutboxRetention(Outbox outbox, MailProperties properties, Clock clock) {
		this.outbox = outbox;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Mail tried for longer than {@code pinwarden.mail.expire-after} (3 days) is given
	 * up: {@code expired}, its content erased, so that a sealed PIN does not wait forever
	 * for an address that refuses it.
	 */
	@Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT1M")
	int expire() {
		int expired = this.outbox.expireQueuedBefore(this.clock.instant().minus(this.properties.expireAfter()),
				"not sent within " + this.properties.expireAfter().toHours() + " hours: given up");
		if (expired > 0) {
			log.warn("Gave up {} mails that could not be sent within {} hours", expired,
					this.properties.expireAfter().toHours());
		}
		return expired;
	}

	@Scheduled(fixedDelayString = "PT6H", initialDelayString = "PT2M")
	int purge() {
		Instant before = this.clock.instant().minus(Duration.ofDays(this.properties.retentionDays()));
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
