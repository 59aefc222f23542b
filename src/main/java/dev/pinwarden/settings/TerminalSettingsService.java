package dev.pinwarden.settings;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
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

	/**
	 * The default login mode, with the settings row locked until the caller's transaction
	 * ends: what a terminal that follows the default is written with, so that a change of
	 * the default cannot commit between the read and the write and miss the terminal.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public LoginMode lockDefaultLoginMode() {
		return LoginMode.of(this.jdbc.sql("select default_login_mode from terminal_settings where id = 1 for update")
			.query(String.class)
			.single());
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
		if (updated.defaultLoginMode() != current.defaultLoginMode()) {
			this.events.publishEvent(new DefaultLoginModeChanged(updated.defaultLoginMode()));
		}
		this.events
			.publishEvent(Audited.of("settings.terminals.changed", "terminal settings", current + " -> " + updated));
		return get();
	}

}
