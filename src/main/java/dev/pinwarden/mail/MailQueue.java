package dev.pinwarden.mail;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** How the outbox stands, for the dashboard. */
@Service
public class MailQueue {

	private final Outbox outbox;

	private final MailProperties properties;

	MailQueue(Outbox outbox, MailProperties properties) {
		this.outbox = outbox;
		this.properties = properties;
	}

	/** Messages per status: queued, sent, failed, superseded. */
	@Transactional(readOnly = true)
	public Map<String, Long> countsByStatus() {
		Map<String, Long> counts = new LinkedHashMap<>();
		for (String status : List.of(Outbox.QUEUED, Outbox.SENT, Outbox.FAILED, Outbox.SUPERSEDED)) {
			counts.put(status, this.outbox.count(status));
		}
		return counts;
	}

	/** Whether an SMTP server is configured; without one, mail waits in the queue. */
	public boolean smtpConfigured() {
		return this.properties.smtpConfigured();
	}

}
