package dev.pinwarden.mail;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import dev.pinwarden.jdbc.Rows;
import dev.pinwarden.support.ApiIntegrationTest;
import dev.pinwarden.support.RefusingSmtpServer;
import dev.pinwarden.support.TestSmtpServer;

import static dev.pinwarden.support.UserMother.aUser;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the dispatcher does with an SMTP server that refuses a recipient. The scheduled
 * dispatcher is held back (it polls once an hour here) so that the test's dispatcher,
 * pointed at the refusing server, is the one that handles the mail.
 */
@TestPropertySource(properties = "pinwarden.mail.poll-interval=1h")
abstract class SmtpRefusalTests extends ApiIntegrationTest {

	@Autowired
	OutboxDispatcher dispatcher;

	@Autowired
	Outbox outbox;

	@Autowired
	MailSealer sealer;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	MailProperties properties;

	@Test
	void aPermanentRefusalMarksTheMailFailedWithTheServersReason() throws Exception {
		this.api.post("/api/v1/users", aUser().named("hank").json());
		try (RefusingSmtpServer refusing = new RefusingSmtpServer("550 5.1.1 <hank@example.org>: mailbox unknown")) {
			assertThat(dispatcherTo(refusing).drain()).isEqualTo(1);
		}
		Map<String, Object> row = this.jdbc.sql("select status, attempts, last_error, content from mail_outbox")
			.query()
			.singleRow();
		assertThat(row.get("status")).isEqualTo("failed");
		assertThat(((Number) row.get("attempts")).intValue()).isEqualTo(1);
		assertThat(row.get("last_error").toString()).contains("550").contains("mailbox unknown");
		assertThat(row.get("content")).isNull();

		this.dispatcher.drain();
		assertThat(this.smtp.received()).isEmpty();
	}

	@Test
	void aTemporaryRefusalIsRetriedLaterAndThenDelivered() throws Exception {
		this.api.post("/api/v1/users", aUser().named("ivan").json());
		try (RefusingSmtpServer refusing = new RefusingSmtpServer("451 4.3.0 try again later")) {
			assertThat(dispatcherTo(refusing).drain()).isEqualTo(1);
		}
		Map<String, Object> row = this.jdbc.sql("select status, attempts, last_error from mail_outbox")
			.query()
			.singleRow();
		assertThat(row.get("status")).isEqualTo("queued");
		assertThat(row.get("last_error").toString()).contains("451");

		org.awaitility.Awaitility.await().until(() -> this.dispatcher.drain() == 1);
		assertThat(TestSmtpServer.pinIn(this.smtp.awaitMessages(1).get(0))).hasSize(4);
	}

	@Test
	void aNodeStalledPastItsLeaseDoesNotSendTheMailsAnotherNodeTookOver() throws Exception {
		this.api.post("/api/v1/users", aUser().named("first").json());
		this.api.post("/api/v1/users", aUser().named("second").json());
		CountDownLatch relayAnswers = new CountDownLatch(1);
		try (RefusingSmtpServer stalling = new RefusingSmtpServer("451 4.3.0 try again later", relayAnswers)) {
			OutboxDispatcher stalled = OutboxReliabilityTests.dispatcherTo(stalling.port(), this.outbox, this.sealer,
					this.transactions, this.clock);
			CompletableFuture<Integer> sending = CompletableFuture.supplyAsync(stalled::drain);
			Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> stalling.recipients() == 1);

			// the relay keeps the node waiting for longer than its lease: another node
			// takes
			// the batch over
			this.clock.advance(this.properties.lease().plusSeconds(1));
			Instant takenOver = this.transactions.execute((status) -> {
				List<Outbox.Claimed> due = this.outbox.claimDue(this.clock.instant(), 10);
				assertThat(due).hasSize(2);
				return this.outbox.lease(due.stream().map(Outbox.Claimed::id).toList(),
						this.clock.instant().plus(this.properties.lease()));
			});

			relayAnswers.countDown();
			assertThat(sending.get(30, TimeUnit.SECONDS)).isEqualTo(2);
			// the stalled node sent nothing more, and recorded nothing over the other's
			// lease
			assertThat(stalling.recipients()).isEqualTo(1);
			assertThat(this.jdbc.sql("select status, attempts, lease_until from mail_outbox")
				.query((rs, row) -> rs.getString("status") + " " + rs.getInt("attempts") + " "
						+ Rows.instant(rs, "lease_until"))
				.list()).containsOnly("queued 0 " + takenOver);
		}
		// the other node is a pretence: no test after this one waits for its lease
		this.jdbc.sql("update mail_outbox set lease_until = null").update();
	}

	private OutboxDispatcher dispatcherTo(RefusingSmtpServer server) {
		return OutboxReliabilityTests.dispatcherTo(server.port(), this.outbox, this.sealer, this.transactions);
	}

}
