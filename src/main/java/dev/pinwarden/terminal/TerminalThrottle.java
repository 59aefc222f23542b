package dev.pinwarden.terminal;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import dev.pinwarden.Audited;
import dev.pinwarden.ApplicationException;
import dev.pinwarden.RetryAfter;
import dev.pinwarden.settings.SecuritySettings;
import dev.pinwarden.settings.SecuritySettingsService;

/**
 * Keeps terminals from guessing PINs. Each terminal has a budget of wrong PINs per window
 * (default 5 per 15 minutes); once it is spent, the terminal is throttled (429, even for
 * a right PIN) for the window's length, twice as long at each further throttling within a
 * day, capped at a day. The counts live in the database, locked row by row, so every node
 * sees the same numbers and one terminal's throttling never touches another.
 */
@Service
public class TerminalThrottle {

	private static final Logger log = LoggerFactory.getLogger(TerminalThrottle.class);

	private static final Duration MAX_BLOCK = Duration.ofDays(1);

	private final JdbcClient jdbc;

	private final SecuritySettingsService settings;

	private final ApplicationEventPublisher events;

	TerminalThrottle(JdbcClient jdbc, SecuritySettingsService settings, ApplicationEventPublisher events) {
		this.events = events;
		this.jdbc = jdbc;
		this.settings = settings;
	}

	/**
	 * Counts a wrong PIN; in a transaction of its own, so that the count stands although
	 * the request fails. Two nodes counting for one terminal wait for each other on its
	 * row.
	 */
	@Transactional(propagation = Propagation.REQUIRES_NEW)
	public void recordFailure(long terminalId) {
		SecuritySettings settings = this.settings.get();
		Duration window = Duration.ofMinutes(settings.terminalFailureWindowMinutes());
		Instant now = Instant.now();
		Optional<State> locked = this.jdbc.sql("""
				select failures, window_start, blocked_until, lockouts from terminal_throttle
				where terminal_id = :id for update""")
			.param("id", terminalId)
			.query((rs, row) -> new State(rs.getInt(1), rs.getObject(2, OffsetDateTime.class).toInstant(),
					Optional.ofNullable(rs.getObject(3, OffsetDateTime.class))
						.map(OffsetDateTime::toInstant)
						.orElse(null),
					rs.getInt(4)))
			.optional();
		State state = locked.orElseGet(() -> {
			this.jdbc.sql(
					"insert into terminal_throttle (terminal_id, failures, window_start, lockouts) values (:id, 0, :now, 0)")
				.param("id", terminalId)
				.param("now", Timestamp.from(now))
				.update();
			return new State(0, now, null, 0);
		});
		this.events.publishEvent(Audited.of("terminal.auth.failed", "terminal " + terminalId, null));
		boolean windowOver = state.windowStart().plus(window).isBefore(now);
		int failures = (windowOver ? 0 : state.failures()) + 1;
		Instant windowStart = windowOver ? now : state.windowStart();
		Instant blockedUntil = state.blockedUntil();
		int lockouts = state.lockouts();
		if (lockouts > 0 && blockedUntil != null && blockedUntil.plus(MAX_BLOCK).isBefore(now)) {
			lockouts = 0; // a day without throttling forgives the earlier ones
		}
		if (failures >= settings.terminalFailureBudget()) {
			lockouts++;
			Duration block = window.multipliedBy(1L << Math.min(lockouts - 1, 20));
			blockedUntil = now.plus((block.compareTo(MAX_BLOCK) > 0) ? MAX_BLOCK : block);
			failures = 0;
			windowStart = now;
			log.warn("Terminal {} throttled until {} after {} wrong PINs (throttling number {})", terminalId,
					blockedUntil, settings.terminalFailureBudget(), lockouts);
			this.events
				.publishEvent(Audited.of("terminal.throttled", "terminal " + terminalId, "until " + blockedUntil));
		}
		this.jdbc.sql("""
				update terminal_throttle set failures = :failures, window_start = :windowStart,
				  blocked_until = :blockedUntil, lockouts = :lockouts where terminal_id = :id""")
			.param("failures", failures)
			.param("windowStart", Timestamp.from(windowStart))
			.param("blockedUntil", (blockedUntil != null) ? Timestamp.from(blockedUntil) : null)
			.param("lockouts", lockouts)
			.param("id", terminalId)
			.update();
	}

	private record State(int failures, Instant windowStart, Instant blockedUntil, int lockouts) {
	}

	/** 429 rate_limited with the seconds to wait. */
	public static class TerminalThrottledException extends ApplicationException implements RetryAfter {

		private final long retryAfterSeconds;

		TerminalThrottledException(Duration wait) {
			super(Kind.RATE_LIMITED, "rate_limited", "Too many wrong PINs from this terminal; try again in "
					+ Math.max(1, wait.toSeconds()) + " seconds");
			this.retryAfterSeconds = Math.max(1, wait.toSeconds() + ((wait.toMillisPart() > 0) ? 1 : 0));
		}

		public long retryAfterSeconds() {
			return this.retryAfterSeconds;
		}

	}

}
