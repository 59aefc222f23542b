package dev.pinwarden.mail;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

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

	private OutboxDispatcher dispatcherTo(RefusingSmtpServer server) {
		return OutboxReliabilityTests.dispatcherTo(server.port(), this.outbox, this.sealer, this.transactions);
	}

}
