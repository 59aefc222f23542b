package dev.pinwarden.mail;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.pinwarden.pin.KeyedSecrets;
import dev.pinwarden.pin.SecretBox;

/**
 * The content of queued mail, sealed under a PIN key until the mail is sent: it can be
 * sealed again under the current key, so that an old key can be retired without waiting
 * for a slow relay.
 */
@Component
class OutboxKeys implements KeyedSecrets {

	private static final int BATCH = 500;

	private final JdbcClient jdbc;

	private final MailSealer sealer;

	private final SecretBox box;

	private final TransactionTemplate transactions;

	OutboxKeys(JdbcClient jdbc, MailSealer sealer, SecretBox box, TransactionTemplate transactions) {
		this.jdbc = jdbc;
		this.sealer = sealer;
		this.box = box;
		this.transactions = transactions;
	}

	@Override
	public String name() {
		return "queuedMails";
	}

	@Override
	public Map<String, Long> countsByKey() {
		Map<String, Long> counts = new TreeMap<>();
		this.jdbc.sql("select key_id, count(*) from mail_outbox where content is not null group by key_id")
			.query((rs) -> {
				counts.put(rs.getString(1), rs.getLong(2));
			});
		return counts;
	}

	/**
	 * In batches, each in a transaction of its own; mail a dispatcher holds is skipped
	 * (it is being sent, and its content erased).
	 */
	@Override
	public int resealUnderCurrentKey() {
		int resealed = 0;
		int batch;
		do {
			batch = this.transactions.execute((status) -> resealBatch());
			resealed += batch;
		}
		while (batch == BATCH);
		return resealed;
	}

	private int resealBatch() {
		List<Outbox.Claimed> stale = this.jdbc.sql("""
				select id, recipient, template_id, attempts, content, key_id, content_version from mail_outbox
				where content is not null and (key_id <> :current or content_version < :bound)
				order by id fetch first :batch rows only for update skip locked""")
			.param("current", this.box.currentKeyId())
			.param("bound", MailSealer.BOUND)
			.param("batch", BATCH)
			.query((rs, row) -> new Outbox.Claimed(rs.getLong("id"), rs.getString("recipient"),
					rs.getString("template_id"), rs.getInt("attempts"), rs.getBytes("content"), rs.getString("key_id"),
					rs.getInt("content_version"), false))
			.list();
		for (Outbox.Claimed mail : stale) {
			MailTemplateKind template = MailTemplateKind.byId(mail.templateId()).orElseThrow();
			SecretBox.Sealed sealed = this.sealer.seal(this.sealer.open(mail), mail.recipient(), template);
			this.jdbc
				.sql("update mail_outbox set content = :content, key_id = :keyId, content_version = :version "
						+ "where id = :id")
				.param("content", sealed.content())
				.param("keyId", sealed.keyId())
				.param("version", MailSealer.BOUND)
				.param("id", mail.id())
				.update();
		}
		return stale.size();
	}

}
