package dev.pinwarden.mail;

import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * What an operator watches of the mail: {@code pinwarden.mail.outbox} (messages waiting,
 * and those given up, read from the database at each scrape so that every node reports
 * the shared queue) and {@code pinwarden.mail.dispatched} (this node's sends, refusals,
 * retries and superseded mails; its rate is the send rate) and
 * {@code pinwarden.mail.sending} (batches this node is claiming or sending now).
 */
@Component
class MailMetrics {

	private final Counter sent;

	private final Counter failed;

	private final Counter retried;

	private final Counter superseded;

	private final AtomicInteger sending = new AtomicInteger();

	MailMetrics(MeterRegistry meters, Outbox outbox) {
		for (String status : new String[] { "queued", "failed", "expired" }) {
			Gauge.builder("pinwarden.mail.outbox", outbox, (queue) -> queue.count(status))
				.description("Messages in the outbox, by status")
				.tag("status", status)
				.register(meters);
		}
		this.sent = dispatched(meters, "sent");
		this.failed = dispatched(meters, "failed");
		this.retried = dispatched(meters, "retry");
		this.superseded = dispatched(meters, "superseded");
		Gauge.builder("pinwarden.mail.sending", this.sending, AtomicInteger::get)
			.description("Batches this node is claiming or sending")
			.register(meters);
	}

	private static Counter dispatched(MeterRegistry meters, String outcome) {
		return Counter.builder("pinwarden.mail.dispatched")
			.description("Messages handled by this node's dispatcher, by outcome")
			.tag("outcome", outcome)
			.register(meters);
	}

	void batchStarted() {
		this.sending.incrementAndGet();
	}

	void batchEnded() {
		this.sending.decrementAndGet();
	}

	void sent(int count) {
		this.sent.increment(count);
	}

	void failed(int count) {
		this.failed.increment(count);
	}

	void retried(int count) {
		this.retried.increment(count);
	}

	void superseded(int count) {
		this.superseded.increment(count);
	}

}
