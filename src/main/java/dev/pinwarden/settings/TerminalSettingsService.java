package dev.pinwarden.settings;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.pinwarden.Audited;

/** Reads and changes the terminals' settings row, under optimistic locking. */
@Service
public class TerminalSettingsService {

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	TerminalSettingsService(JdbcClient jdbc, ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.events = events;
	}

	@Transactional(readOnly = true)
	public TerminalSettings get() {
		return this.jdbc.sql("""
				select default_login_mode, card_self_registration, unknown_card_budget, version
				from terminal_settings where id = 1""")
			.query((rs, row) -> new TerminalSettings(LoginMode.of(rs.getString(1)),
					CardSelfRegistration.of(rs.getString(2)), rs.getInt(3), rs.getInt(4)))
			.single();
	}

	@Transactional
	public TerminalSettings update(TerminalSettings change) {
		TerminalSettings current = get();
		TerminalSettings updated = current.with(change);
		int rows = this.jdbc.sql("""
				update terminal_settings set default_login_mode = :mode, card_self_registration = :registration,
				  unknown_card_budget = :budget, version = version + 1
				where id = 1 and version = :version""")
			.param("mode", updated.defaultLoginMode().value())
			.param("registration", updated.cardSelfRegistration().value())
			.param("budget", updated.unknownCardBudget())
			.param("version", (change.version() != null) ? change.version() : current.version())
			.update();
		if (rows != 1) {
			throw new SettingsConflictException();
		}
		this.events
			.publishEvent(Audited.of("settings.terminals.changed", "terminal settings", current + " -> " + updated));
		return get();
	}

}
