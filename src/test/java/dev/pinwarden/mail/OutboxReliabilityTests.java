package dev.pinwarden.mail;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import jakarta.mail.internet.MimeMessage;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import dev.pinwarden.jdbc.Rows;
import dev.pinwarden.support.ApiIntegrationTest;
import dev.pinwarden.support.TestSmtpServer;
import dev.pinwarden.support.UserMother;

import static dev.pinwarden.support.UserMother.aUser;
import static org.assertj.core.api.Assertions.assertThat;

/** The outbox under outages, refusals, replaced PINs and competing dispatchers. */
abstract class OutboxReliabilityTests extends ApiIntegrationTest {

	@Autowired
	JdbcTemplate jdbcTemplate;

	@Autowired
	OutboxDispatcher dispatcher;

	@Autowired
	Outbox outbox;

	@Autowired
	MailSealer sealer;

	@Autowired
	MailProperties properties;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	OutboxRetention retention;

	@Test
	void mailQueuedWhileSmtpIsDownGoesOutOnceWhenItIsBack() {
		this.smtp.stop();
		for (int i = 0; i < 20; i++) {
			this.api.post("/api/v1/users", aUser().named("user" + i).json());
		}
		Awaitility.await()
			.atMost(Duration.ofSeconds(20))
			.until(() -> this.jdbc.sql("select count(*) from mail_outbox where attempts >= 2 and status = 'queued'")
				.query(Long.class)
				.single() == 20);
		String error = this.jdbc.sql("select last_error from mail_outbox fetch first 1 rows only")
			.query(String.class)
			.single();
		assertThat(error).contains("cannot connect to the SMTP server");

		this.smtp.up();
		List<MimeMessage> mails = this.smtp.awaitMessages(20);
		Awaitility.await()
			.until(() -> this.jdbc.sql("select count(*) from mail_outbox where status = 'sent'")
				.query(Long.class)
				.single() == 20);
		this.dispatcher.drain();
		assertThat(this.smtp.received()).hasSize(20);
		assertThat(mails.stream().map(TestSmtpServer::recipient).distinct()).hasSize(20);
	}

	@Test
	void sealedContentMovedToAnotherRecipientsRowDoesNotOpen() {
		this.smtp.stop();
		this.api.post("/api/v1/users", aUser().named("victim").json());
		this.api.post("/api/v1/users", aUser().named("thief").json());
		// someone who can write the database puts the victim's sealed mail in the thief's
		// row
		this.jdbc
			.sql("""
					update mail_outbox set content = (select v.content from mail_outbox v where v.recipient = 'victim@example.org'),
					  key_id = (select v.key_id from mail_outbox v where v.recipient = 'victim@example.org')
					where recipient = 'thief@example.org'""")
			.update();
		this.smtp.up();

		this.smtp.awaitPinMailedTo("victim@example.org");
		Awaitility.await()
			.atMost(Duration.ofSeconds(20))
			.until(() -> this.jdbc.sql("select status from mail_outbox where recipient = 'thief@example.org'")
				.query(String.class)
				.single()
				.equals("failed"));
		assertThat(this.smtp.receivedBy("thief@example.org")).isEmpty();
		assertThat(this.jdbc.sql("select last_error from mail_outbox where recipient = 'thief@example.org'")
			.query(String.class)
			.single()).contains("cannot be decrypted");
	}

	@Test
	void mailANodeClaimedAndDidNotRecordGoesOutOnceItsLeaseIsOver() {
		this.smtp.stop();
		this.api.post("/api/v1/users", aUser().named("lease").json());
		// a node claims the mail, and dies before it records anything. This node's own
		// dispatcher keeps trying the mail meanwhile, so the claim is made again until it
		// holds: not skipped while the dispatcher has the row locked, nor undone by an
		// attempt the dispatcher had in flight
		Awaitility.await().atMost(Duration.ofSeconds(30)).until(this::claimAsANodeThatDies, Objects::nonNull);
		this.smtp.up();
		Awaitility.await().during(Duration.ofSeconds(2)).until(() -> this.smtp.received().isEmpty());

		this.clock.advance(this.properties.lease().plusSeconds(1));
		this.smtp.awaitPinMailedTo("lease@example.org");
		this.dispatcher.drain();
		assertThat(this.smtp.received()).hasSize(1);
	}

	@Test
	void aNodeStalledPastItsLeaseLeavesTheMailToTheNodeThatTookItOver() {
		this.smtp.stop();
		this.api.post("/api/v1/users", aUser().named("stalled").json());
		// node A claims the mail and stalls (a long pause, a relay that does not answer)
		Instant stalled = Awaitility.await()
			.atMost(Duration.ofSeconds(30))
			.until(this::claimAsANodeThatDies, Objects::nonNull);
		// its lease runs out, and node B takes the mail over
		this.clock.advance(this.properties.lease().plusSeconds(1));
		Instant sending = Awaitility.await()
			.atMost(Duration.ofSeconds(30))
			.until(this::claimAsANodeThatDies, Objects::nonNull);
		assertThat(sending).isAfter(stalled);
		long id = this.jdbc.sql("select id from mail_outbox").query(Long.class).single();

		// A comes back and records what its attempt came to, and renews its lease: it
		// holds nothing any more, even when its new lease would end in the very
		// millisecond B's does
		assertThat(this.outbox.renewLease(List.of(id), stalled, sending).ids()).isEmpty();
		assertThat(
				this.outbox.renewLease(List.of(id), stalled, this.clock.instant().plus(this.properties.lease())).ids())
			.isEmpty();
		this.outbox.markRetry(id, stalled, this.clock.instant().plusSeconds(60), "the SMTP connection was lost");
		this.outbox.markFailed(id, stalled, "550 mailbox unavailable");
		this.outbox.markSuperseded(List.of(id), stalled);
		// B's lease holds: no third node takes the mail while B sends it
		assertThat(this.jdbc.sql("select status, lease_until from mail_outbox")
			.query((rs, row) -> rs.getString("status") + " " + Rows.instant(rs, "lease_until"))
			.single()).isEqualTo("queued " + sending);

		// and B's own outcome is recorded
		this.outbox.markFailed(id, sending, "550 mailbox unavailable");
		assertThat(this.jdbc.sql("select status from mail_outbox").query(String.class).single()).isEqualTo("failed");
	}

	/**
	 * Claims the one queued mail as a node that then sends nothing; the lease, once it
	 * holds.
	 */
	private Instant claimAsANodeThatDies() {
		Instant[] lease = new Instant[1];
		List<Outbox.Claimed> claimed = this.transactions.execute((status) -> {
			List<Outbox.Claimed> due = this.outbox.claimDue(this.clock.instant().plus(Duration.ofHours(1)), 10);
			lease[0] = this.outbox.lease(due.stream().map(Outbox.Claimed::id).toList(),
					this.clock.instant().plus(this.properties.lease()));
			return due;
		});
		if (claimed.size() != 1) {
			return null;
		}
		try {
			// an attempt in flight (SMTP refuses at once) would clear the lease within
			// milliseconds
			Awaitility.await()
				.during(Duration.ofMillis(500))
				.atMost(Duration.ofSeconds(1))
				.until(() -> this.jdbc.sql("select count(*) from mail_outbox where lease_until = :lease")
					.param("lease", java.sql.Timestamp.from(lease[0]))
					.query(Long.class)
					.single() == 1);
			return lease[0];
		}
		catch (ConditionTimeoutException ex) {
			return null;
		}
	}

	@Test
	void mailThatCannotBeSentForThreeDaysIsGivenUpAndItsContentErased() {
		this.smtp.stop();
		this.api.post("/api/v1/users", aUser().named("away").json());
		this.clock.advance(Duration.ofDays(2));
		assertThat(this.retention.expire()).isZero();
		this.clock.advance(Duration.ofDays(1).plusMinutes(1));
		assertThat(this.retention.expire()).isEqualTo(1);
		assertThat(this.jdbc.sql("select status || ' ' || coalesce(length(content), 0) from mail_outbox")
			.query(String.class)
			.single()).isEqualTo("expired 0");
	}

	@Test
	void aTemporaryPinsMailIsNotSentOnceThePinIsDeletedOrExpired() {
		long id = this.api.post("/api/v1/users", aUser().named("hank").json()).json().path("id").asLong();
		this.smtp.awaitPinMailedTo("hank@example.org");
		this.smtp.stop();
		JsonNode deleted = this.api.post("/api/v1/users/" + id + "/temporary-pins", "{\"validMinutes\":60}").json();
		this.api.delete("/api/v1/users/" + id + "/temporary-pins/" + deleted.path("id").asLong());
		this.api.post("/api/v1/users/" + id + "/temporary-pins", "{\"validMinutes\":1}");
		String kept = this.api.post("/api/v1/users/" + id + "/temporary-pins", "{\"validMinutes\":600}")
			.json()
			.path("pin")
			.asString();
		this.clock.advance(Duration.ofMinutes(2));
		this.smtp.purge();
		this.smtp.up();

		Awaitility.await()
			.until(() -> this.jdbc.sql("select count(*) from mail_outbox where status = 'queued'")
				.query(Long.class)
				.single() == 0);
		this.dispatcher.drain();
		assertThat(this.smtp.received()).hasSize(1);
		assertThat(TestSmtpServer.pinIn(this.smtp.received().get(0))).isEqualTo(kept);
		assertThat(this.jdbc.sql("select count(*) from mail_outbox where status = 'superseded'")
			.query(Long.class)
			.single()).isEqualTo(2);
	}

	@Test
	void aMailWhosePinWasReplacedBeforeItWentOutIsNotSent() {
		this.smtp.stop();
		long id = this.api.post("/api/v1/users", aUser().named("gina").json()).json().path("id").asLong();
		String newest = this.api.post("/api/v1/users/" + id + "/pin", "{}").json().path("pin").asString();
		this.smtp.up();

		String mailed = this.smtp.awaitPinMailedTo("gina@example.org");
		Awaitility.await()
			.until(() -> this.jdbc.sql("select count(*) from mail_outbox where status = 'queued'")
				.query(Long.class)
				.single() == 0);
		this.dispatcher.drain();
		assertThat(this.smtp.received()).hasSize(1);
		assertThat(mailed).isEqualTo(newest);
		Map<String, Long> byStatus = this.jdbc.sql("select status, count(*) as n from mail_outbox group by status")
			.query((rs, row) -> Map.entry(rs.getString(1), rs.getLong(2)))
			.list()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
		assertThat(byStatus).containsEntry("sent", 1L).containsEntry("superseded", 1L);
		assertThat(this.jdbc.sql("select count(*) from mail_outbox where content is not null or pin_digest is not null")
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void finishedMailsAreForgottenAfterTheRetentionPeriodQueuedOnesNever() {
		this.api.post("/api/v1/users", aUser().named("jana").json());
		this.smtp.awaitPinMailedTo("jana@example.org");
		awaitStatus("jana@example.org", "sent");
		this.smtp.stop();
		this.api.post("/api/v1/users", aUser().named("karl").json());

		// 91 days on: jana's mail was sent that long ago; karl's has waited as long (the
		// SMTP server was down all that time)
		this.clock.advance(Duration.ofDays(91));
		assertThat(this.retention.purge()).isEqualTo(1);
		assertThat(statuses()).containsExactly("karl@example.org queued");

		// karl's goes out today, and stays for the retention period from today
		this.smtp.up();
		this.dispatcher.drain();
		awaitStatus("karl@example.org", "sent");
		assertThat(this.retention.purge()).isZero();
		assertThat(statuses()).containsExactly("karl@example.org sent");
	}

	private void awaitStatus(String recipient, String status) {
		Awaitility.await()
			.until(() -> this.jdbc.sql("select status from mail_outbox where recipient = :recipient")
				.param("recipient", recipient)
				.query(String.class)
				.single()
				.equals(status));
	}

	private List<String> statuses() {
		return this.jdbc.sql("select recipient || ' ' || status from mail_outbox order by recipient")
			.query(String.class)
			.list();
	}

	@Test
	void aDeletedUsersQueuedMailStaysWithoutItsUserAndIsNotSent() {
		this.smtp.stop();
		long gone = this.api.post("/api/v1/users", aUser().named("hugo").json()).json().path("id").asLong();
		long kept = this.api.post("/api/v1/users", aUser().named("ines").json()).json().path("id").asLong();
		assertThat(this.api.delete("/api/v1/users/" + gone).status()).isEqualTo(204);
		assertThat(this.jdbc.sql("select count(*) from mail_outbox where user_id = :id")
			.param("id", gone)
			.query(Long.class)
			.single()).isZero();
		this.smtp.up();

		this.smtp.awaitPinMailedTo("ines@example.org");
		Awaitility.await()
			.until(() -> this.jdbc.sql("select count(*) from mail_outbox where status = 'queued'")
				.query(Long.class)
				.single() == 0);
		this.dispatcher.drain();
		assertThat(this.smtp.received()).extracting(TestSmtpServer::recipient).containsExactly("ines@example.org");
		assertThat(this.jdbc.sql("select user_id, status from mail_outbox order by id")
			.query((rs, row) -> rs.getObject(1, Long.class) + " " + rs.getString(2))
			.list()).containsExactly("null superseded", kept + " sent");
	}

	@Test
	void twoDispatchersOnOneDatabaseSendEveryMessageExactlyOnce() throws Exception {
		this.smtp.stop();
		UserMother.insertUsers(this.jdbcTemplate, "staff", 600, 0);
		this.api.post("/api/v1/pins/regenerate", "{}");
		this.smtp.up();

		// the scheduled dispatcher of this node runs too: three in all
		OutboxDispatcher second = dispatcherTo(this.properties.smtpPort(), this.outbox, this.sealer, this.transactions);
		OutboxDispatcher third = dispatcherTo(this.properties.smtpPort(), this.outbox, this.sealer, this.transactions);
		ExecutorService threads = Executors.newFixedThreadPool(2);
		try {
			List<Future<Integer>> handled = new ArrayList<>();
			for (Callable<Integer> drain : List.<Callable<Integer>>of(second::drain, third::drain)) {
				handled.add(threads.submit(drain));
			}
			for (Future<Integer> future : handled) {
				future.get();
			}
		}
		finally {
			threads.shutdown();
		}
		Awaitility.await()
			.until(() -> this.jdbc.sql("select count(*) from mail_outbox where status = 'sent'")
				.query(Long.class)
				.single() == 600);
		this.dispatcher.drain();
		List<MimeMessage> mails = this.smtp.received();
		Map<String, Long> perRecipient = mails.stream()
			.collect(Collectors.groupingBy(TestSmtpServer::recipient, Collectors.counting()));
		assertThat(perRecipient).hasSize(600);
		assertThat(perRecipient.values()).allMatch((count) -> count == 1);
	}

	/** Another dispatcher on the same database, as another node would run it. */
	static OutboxDispatcher dispatcherTo(int port, Outbox outbox, MailSealer sealer, TransactionTemplate transactions) {
		return dispatcherTo(port, outbox, sealer, transactions, java.time.Clock.systemUTC());
	}

	/** A dispatcher of another node, sending to this port, on this clock. */
	static OutboxDispatcher dispatcherTo(int port, Outbox outbox, MailSealer sealer, TransactionTemplate transactions,
			java.time.Clock clock) {
		MailProperties other = new MailProperties("127.0.0.1", port, null, null, MailProperties.Tls.NONE,
				"pinwarden@test", "https://print.example.org", Duration.ofMillis(200), Duration.ofSeconds(1), 50, 2,
				Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5), 90, Duration.ofMinutes(2),
				Duration.ofDays(3));
		return new OutboxDispatcher(outbox, sealer, new SmtpMailer(other), other, transactions,
				new MailMetrics(new SimpleMeterRegistry(), outbox), clock);
	}

}
