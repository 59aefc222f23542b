package dev.pinwarden.settings;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.pinwarden.Audited;
import dev.pinwarden.settings.SettingsConflictException;

/** Reads and changes the security settings row, under optimistic locking. */
@Service
public class SecuritySettingsService {

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	SecuritySettingsService(JdbcClient jdbc, ApplicationEventPublisher events) {
		this.events = events;
		this.jdbc = jdbc;
	}

	@Transactional(readOnly = true)
	public SecuritySettings get() {
		return this.jdbc.sql("""
				select terminal_failure_budget, terminal_failure_window_minutes, login_failure_budget,
				  login_lock_minutes, self_service_per_day, version from security_settings where id = 1""")
			.query((rs, row) -> new SecuritySettings(rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getInt(4),
					rs.getInt(5), rs.getInt(6)))
			.single();
	}

	@Transactional
	public SecuritySettings update(SecuritySettings change) {
		SecuritySettings current = get();
		SecuritySettings updated = current.with(change);
		int rows = this.jdbc.sql("""
				update security_settings set terminal_failure_budget = :terminalBudget,
				  terminal_failure_window_minutes = :terminalWindow, login_failure_budget = :loginBudget,
				  login_lock_minutes = :loginLock, self_service_per_day = :perDay, version = version + 1
				where id = 1 and version = :version""")
			.param("terminalBudget", updated.terminalFailureBudget())
			.param("terminalWindow", updated.terminalFailureWindowMinutes())
			.param("loginBudget", updated.loginFailureBudget())
			.param("loginLock", updated.loginLockMinutes())
			.param("perDay", updated.selfServicePerDay())
			.param("version", (change.version() != null) ? change.version() : current.version())
			.update();
		if (rows != 1) {
			throw new SettingsConflictException();
		}
		this.events
			.publishEvent(Audited.of("settings.security.changed", "security settings", current + " -> " + updated));
		return get();
	}

}
