package dev.pinwarden.mail;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.pinwarden.jdbc.BulkInsert;
import dev.pinwarden.pin.SecretBox;
import dev.pinwarden.jdbc.Rows;

/** SQL over {@code mail_outbox}. */
@Repository
class Outbox {

	static final String QUEUED = "queued";

	static final String SENT = "sent";

	static final String FAILED = "failed";

	static final String SUPERSEDED = "superseded";

	private final JdbcClient jdbc;

	private final BulkInsert bulk;

	private final Clock clock;

	Outbox(JdbcClient jdbc, BulkInsert bulk, Clock clock) {
		this.clock = clock;
		this.bulk = bulk;
		this.jdbc = jdbc;
	}

	/** Queues mails in one batch insert, due now. */
	void enqueue(List<NewMail> mails) {
		Timestamp now = Timestamp.from(this.clock.instant());
		List<Object[]> rows = new ArrayList<>(mails.size());
		for (NewMail mail : mails) {
			rows.add(new Object[] { mail.userId(), mail.recipient(), mail.template().id(), "queued", 0,
					mail.sealed().content(), mail.sealed().keyId(), MailSealer.BOUND, mail.pinDigest(), now, now,
					now });
		}
		this.bulk.insert("mail_outbox", List.of("user_id", "recipient", "template_id", "status", "attempts", "content",
				"key_id", "content_version", "pin_digest", "created_at", "next_attempt_at", "updated_at"), rows);
	}

	/**
	 * Claims up to {@code limit} due messages, locked until the caller's (short)
	 * transaction ends; the caller gives them a {@link #lease} in it. Each says whether
	 * it is stale: a new-PIN mail whose PIN is no longer the user's.
	 */
	List<Claimed> claimDue(Instant now, int limit) {
		if (this.bulk.isPostgres()) {
			// Walk the due index in order, whatever the statistics say. After a mass
			// operation has queued mail, and until autovacuum analyses the table,
			// PostgreSQL takes the queue for nearly empty and reads and sorts all of it,
			// content included, for every claim.
			this.jdbc.sql("set local enable_sort = off").update();
		}
		return this.jdbc
			.sql("""
					select o.id, o.recipient, o.template_id, o.attempts, o.content, o.key_id, o.content_version,
					  case when o.pin_digest is null then 0
					       when exists (select 1 from pin p where p.user_id = o.user_id and p.digest = o.pin_digest) then 0
					       when exists (select 1 from temporary_pin t where t.user_id = o.user_id and t.digest = o.pin_digest
					         and t.expires_at > :now) then 0
					       else 1 end as stale
					from mail_outbox o
					where o.status = 'queued' and o.next_attempt_at <= :now
					  and (o.lease_until is null or o.lease_until <= :now)
					order by o.next_attempt_at, o.id
					fetch first :limit rows only
					for update skip locked""")
			.param("now", Timestamp.from(now))
			.param("limit", limit)
			.query((rs, row) -> new Claimed(rs.getLong("id"), rs.getString("recipient"), rs.getString("template_id"),
					rs.getInt("attempts"), rs.getBytes("content"), rs.getString("key_id"), rs.getInt("content_version"),
					rs.getInt("stale") == 1))
			.list();
	}

	/**
	 * Holds these messages, just claimed, for this node until {@code leaseUntil}: they
	 * are next due then, so that no other node takes them meanwhile, and any node does
	 * once the lease is over (this node stopped). Returns the lease as stored, which this
	 * node's later writes to these messages give as proof that they are still its own: a
	 * node's next lease of a message always ends later than the one before.
	 */
	Instant lease(List<Long> ids, Instant leaseUntil) {
		Instant lease = leaseUntil.truncatedTo(ChronoUnit.MILLIS);
		if (!ids.isEmpty()) {
			this.jdbc.sql("update mail_outbox set lease_until = :until where status = 'queued' and id = any(:ids)")
				.param("until", Timestamp.from(lease))
				.param("ids", ids.toArray(Long[]::new))
				.update();
		}
		return lease;
	}

	/**
	 * Extends this node's lease {@code held} of these messages, of those it still holds
	 * (another node takes a message whose lease ran out): the new lease, as stored, and
	 * the messages it holds, which are this node's to send.
	 */
	Renewal renewLease(List<Long> ids, Instant held, Instant leaseUntil) {
		Instant lease = leaseUntil.truncatedTo(ChronoUnit.MILLIS);
		if (ids.isEmpty()) {
			return new Renewal(lease, Set.of());
		}
		// one message a statement, told by its own count: another node's lease of a
		// message may end in the very millisecond this one's new lease does, so the
		// messages still held cannot be read back by their lease (a slow relay's path:
		// a few statements every half lease)
		List<Long> renewed = new ArrayList<>();
		for (Long id : ids) {
			if (this.jdbc.sql("""
					update mail_outbox set lease_until = :until
					where status = 'queued' and id = :id and lease_until = :held""")
				.param("until", Timestamp.from(lease))
				.param("held", Timestamp.from(held))
				.param("id", id)
				.update() == 1) {
				renewed.add(id);
			}
		}
		return new Renewal(lease, Set.copyOf(renewed));
	}

	/**
	 * Gives up mail queued before {@code before}: {@code expired}, its content and PIN
	 * digest erased; how many.
	 */
	int expireQueuedBefore(Instant before, String reason) {
		return this.jdbc.sql("""
				update mail_outbox set status = 'expired', content = null, pin_digest = null, last_error = :reason,
				  updated_at = :now where status = 'queued' and created_at < :before""")
			.param("reason", reason)
			.param("now", Timestamp.from(this.clock.instant()))
			.param("before", Timestamp.from(before))
			.update();
	}

	/**
	 * Deletes up to {@code limit} finished mails (sent, failed or superseded) whose last
	 * change is older than {@code before}; queued mails stay whatever their age.
	 */
	int deleteFinished(Instant before, int limit) {
		return this.jdbc.sql("""
				delete from mail_outbox where id in (
				  select id from mail_outbox where status <> 'queued' and updated_at < :before
				  fetch first :limit rows only)""")
			.param("before", Timestamp.from(before))
			.param("limit", limit)
			.update();
	}

	/** The mails of a deleted user stay, without their user. */
	void forgetUser(long userId) {
		this.jdbc.sql("update mail_outbox set user_id = null where user_id = :userId").param("userId", userId).update();
	}

	/**
	 * Sent: the secret content is erased, and the digest of the PIN it announced, which
	 * only a queued mail needs.
	 */
	void markSent(List<Long> ids) {
		Timestamp now = Timestamp.from(this.clock.instant());
		this.jdbc.sql("""
				update mail_outbox set status = 'sent', attempts = attempts + 1, content = null, pin_digest = null,
				  last_error = null, sent_at = :now, updated_at = :now where id = any(:ids)""")
			.param("now", now)
			.param("ids", ids.toArray(Long[]::new))
			.update();
	}

	/**
	 * One message sent: as {@link #markSent(List)}, in the cheapest statement there is.
	 */
	void markSent(long id) {
		Timestamp now = Timestamp.from(this.clock.instant());
		this.jdbc.sql("""
				update mail_outbox set status = 'sent', attempts = attempts + 1, content = null, pin_digest = null,
				  last_error = null, sent_at = :now, updated_at = :now where id = :id""")
			.param("now", now)
			.param("id", id)
			.update();
	}

	/**
	 * Not sent, as the PIN it announces is no longer the user's; of the messages this
	 * node still holds under its lease {@code held}; how many.
	 */
	int markSuperseded(List<Long> ids, Instant held) {
		Timestamp now = Timestamp.from(this.clock.instant());
		return this.jdbc.sql("""
				update mail_outbox set status = 'superseded', content = null, pin_digest = null,
				  last_error = 'not sent: the PIN it announces was replaced or deleted', updated_at = :now
				where id = any(:ids) and status = 'queued' and lease_until = :held""")
			.param("now", now)
			.param("held", Timestamp.from(held))
			.param("ids", ids.toArray(Long[]::new))
			.update();
	}

	/**
	 * To be tried again at {@code nextAttempt}, if this node still holds the message
	 * under its lease {@code held}: a node that took it since the lease ran out records
	 * its own outcome, and keeps its lease. Whether it was recorded.
	 */
	boolean markRetry(long id, Instant held, Instant nextAttempt, String error) {
		return this.jdbc
			.sql("""
					update mail_outbox set attempts = attempts + 1, next_attempt_at = :next, lease_until = null,
					  last_error = :error, updated_at = :now where id = :id and status = 'queued' and lease_until = :held""")
			.param("id", id)
			.param("held", Timestamp.from(held))
			.param("next", Timestamp.from(nextAttempt))
			.param("error", truncate(error))
			.param("now", Timestamp.from(this.clock.instant()))
			.update() == 1;
	}

	/**
	 * Failed for good, if this node still holds the message under its lease {@code held}:
	 * the secret content and the PIN digest are erased. Whether it was recorded.
	 */
	boolean markFailed(long id, Instant held, String error) {
		return this.jdbc
			.sql("""
					update mail_outbox set status = 'failed', attempts = attempts + 1, content = null, pin_digest = null,
					  last_error = :error, updated_at = :now where id = :id and status = 'queued' and lease_until = :held""")
			.param("id", id)
			.param("held", Timestamp.from(held))
			.param("error", truncate(error))
			.param("now", Timestamp.from(this.clock.instant()))
			.update() == 1;
	}

	List<OutboxEntry> list(String status, long offset, int limit) {
		return this.jdbc
			.sql("""
					select id, user_id, recipient, template_id, status, attempts, last_error, created_at, next_attempt_at, sent_at
					from mail_outbox"""
					+ ((status != null) ? " where status = :status" : "")
					+ " order by id desc offset :offset rows fetch first :limit rows only")
			.param("status", status)
			.param("offset", offset)
			.param("limit", limit)
			.query(Outbox::entry)
			.list();
	}

	long count(String status) {
		return this.jdbc.sql("select count(*) from mail_outbox" + ((status != null) ? " where status = :status" : ""))
			.param("status", status)
			.query(Long.class)
			.single();
	}

	private static String truncate(String error) {
		return (error == null || error.length() <= 1000) ? error : error.substring(0, 1000);
	}

	private static OutboxEntry entry(ResultSet rs, int row) throws SQLException {
		return new OutboxEntry(rs.getLong("id"), rs.getObject("user_id", Long.class), rs.getString("recipient"),
				rs.getString("template_id"), rs.getString("status"), rs.getInt("attempts"), rs.getString("last_error"),
				Rows.instant(rs, "created_at"), Rows.instant(rs, "next_attempt_at"), Rows.instant(rs, "sent_at"));
	}

	/**
	 * A mail to queue. {@code pinDigest} ties a mail to the PIN or temporary PIN it
	 * announces: once the user no longer holds it, the mail is superseded, not sent.
	 */
	record NewMail(Long userId, String recipient, MailTemplateKind template, SecretBox.Sealed sealed,
			byte[] pinDigest) {
	}

	/** A lease renewed, and the messages it holds. */
	record Renewal(Instant lease, Set<Long> ids) {
	}

	/** A claimed message, still encrypted. */
	record Claimed(long id, String recipient, String templateId, int attempts, byte[] content, String keyId,
			int contentVersion, boolean stale) {
	}

}
