package dev.pinwarden.audit;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.pinwarden.Audited;
import dev.pinwarden.pin.GeneratedPin;
import dev.pinwarden.pin.PinsGenerated;
import dev.pinwarden.jdbc.Rows;

/**
 * Records events in the transaction that made them, so that a rolled-back change leaves
 * no record and a committed one always has its record. Mass operations (a regeneration, a
 * sync) are recorded as one event per batch with the count, not one per user.
 */
@Service
public class AuditLog {

	private static final Logger log = LoggerFactory.getLogger(AuditLog.class);

	private static final String TERMINAL_FAILURE = "terminal.auth.failed";

	private final JdbcClient jdbc;

	private final AuditProperties properties;

	private volatile Instant lastAlert = Instant.EPOCH;

	private final Clock clock;

	AuditLog(JdbcClient jdbc, AuditProperties properties, Clock clock) {
		this.jdbc = jdbc;
		this.properties = properties;
		this.clock = clock;
	}

	static final Duration ALERT_WINDOW = Duration.ofMinutes(15);

	@EventListener
	void on(Audited event) {
		insert(event.action(), event.userId(), event.subject(), event.details());
		if (event.action().equals(TERMINAL_FAILURE)
				&& recentTerminalFailures() >= this.properties.terminalFailureAlert()
				&& this.lastAlert.plus(ALERT_WINDOW).isBefore(this.clock.instant())) {
			// once per window on this node, however the failures interleave across nodes
			this.lastAlert = this.clock.instant();
			log.warn(
					"ALERT: {} wrong PINs from all terminals together within {} minutes; someone may be guessing "
							+ "PINs at several terminals",
					this.properties.terminalFailureAlert(), ALERT_WINDOW.toMinutes());
		}
	}

	/** Wrong PINs at all terminals together in the last 15 minutes. */
	@Transactional(readOnly = true)
	public long recentTerminalFailures() {
		return countRecent(TERMINAL_FAILURE, ALERT_WINDOW);
	}

	/** How many events of this action were recorded within the last {@code within}. */
	@Transactional(readOnly = true)
	public long countRecent(String action, java.time.Duration within) {
		return this.jdbc.sql("select count(*) from audit_event where action = :action and at > :since")
			.param("action", action)
			.param("since", Timestamp.from(this.clock.instant().minus(within)))
			.query(Long.class)
			.single();
	}

	/** Whether terminal failures are at the alert level now. */
	public boolean terminalFailureAlert() {
		return recentTerminalFailures() >= this.properties.terminalFailureAlert();
	}

	@EventListener
	void on(PinsGenerated event) {
		String by = event.reason().name().toLowerCase().replace('_', '-');
		if (event.reason() == PinsGenerated.Reason.REGENERATION || event.reason() == PinsGenerated.Reason.SYNC) {
			insert("pin.generated", null, by, event.pins().size() + " PINs generated (" + by + ")");
			return;
		}
		for (GeneratedPin pin : event.pins()) {
			insert("pin.generated", pin.userId(), null, "by " + by);
		}
	}

	@Transactional(readOnly = true)
	public Page search(AuditQuery query) {
		StringBuilder where = new StringBuilder(" where 1 = 1");
		Map<String, Object> params = new java.util.HashMap<>();
		if (query.userId() != null) {
			where.append(" and user_id = :user");
			params.put("user", query.userId());
		}
		if (query.action() != null) {
			where.append(" and action like :action");
			params.put("action", query.action() + "%");
		}
		if (query.from() != null) {
			where.append(" and at >= :from");
			params.put("from", Timestamp.from(query.from()));
		}
		if (query.to() != null) {
			where.append(" and at < :to");
			params.put("to", Timestamp.from(query.to()));
		}
		List<AuditEvent> items = this.jdbc
			.sql("select * from audit_event" + where
					+ " order by at desc, id desc offset :offset rows fetch first :size rows only")
			.params(params)
			.param("offset", (long) query.page() * query.size())
			.param("size", query.size())
			.query((rs, row) -> new AuditEvent(rs.getLong("id"), Rows.instant(rs, "at"), rs.getString("actor"),
					rs.getString("action"), rs.getObject("user_id", Long.class), rs.getString("subject"),
					rs.getString("details")))
			.list();
		long total = this.jdbc.sql("select count(*) from audit_event" + where)
			.params(params)
			.query(Long.class)
			.single();
		return new Page(items, query.page(), query.size(), total);
	}

	/**
	 * Forgets events older than the retention period; daily, on every node (it is
	 * idempotent).
	 */
	@Scheduled(fixedDelayString = "PT6H", initialDelayString = "PT1M")
	@Transactional
	public int purge() {
		int removed = this.jdbc.sql("delete from audit_event where at < :before")
			.param("before",
					Timestamp.from(this.clock.instant().minus(Duration.ofDays(this.properties.retentionDays()))))
			.update();
		if (removed > 0) {
			log.info("Removed {} audit events older than {} days", removed, this.properties.retentionDays());
		}
		return removed;
	}

	private void insert(String action, Long userId, String subject, String details) {
		this.jdbc.sql("""
				insert into audit_event (at, actor, action, user_id, subject, details)
				values (:at, :actor, :action, :user, :subject, :details)""")
			.param("at", Timestamp.from(this.clock.instant()))
			.param("actor", actor())
			.param("action", action)
			.param("user", userId)
			.param("subject", truncate(subject, 200))
			.param("details", truncate(details, 1000))
			.update();
	}

	/**
	 * Who is acting: the logged-in administrator or user, else the system (a schedule, a
	 * terminal).
	 */
	private static String actor() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication == null || !authentication.isAuthenticated() || authentication.getName() == null) {
			return "system";
		}
		String roles = authentication.getAuthorities()
			.stream()
			.map((a) -> a.getAuthority().replace("ROLE_", "").toLowerCase())
			.collect(Collectors.joining(","));
		return truncate(roles + ":" + authentication.getName(), 120);
	}

	private static String truncate(String text, int max) {
		return (text == null || text.length() <= max) ? text : text.substring(0, max);
	}

	public record Page(List<AuditEvent> items, int page, int size, long total) {
	}

}
