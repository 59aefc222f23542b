package dev.pinwarden.terminal;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.pinwarden.settings.DefaultLoginModeChanged;
import dev.pinwarden.settings.LoginMode;
import dev.pinwarden.settings.TerminalSettingsService;

/**
 * Keeps the login mode in force on each terminal's row ({@code login_mode_in_force}): its
 * own, or the default for a terminal that has none. The checks read it there and no
 * settings row. A terminal written to follow the default holds the settings row until its
 * transaction ends, and a change of the default rewrites the terminals that follow it
 * while it holds that row, so neither can miss the other.
 */
@Component
class TerminalLoginModes {

	private final JdbcClient jdbc;

	private final TerminalSettingsService settings;

	TerminalLoginModes(JdbcClient jdbc, TerminalSettingsService settings) {
		this.jdbc = jdbc;
		this.settings = settings;
	}

	/**
	 * The mode a terminal with this mode of its own ({@code null}: none) is to be written
	 * with; to be called in the transaction that writes it.
	 */
	LoginMode inForce(LoginMode own) {
		LoginMode byDefault = this.settings.lockDefaultLoginMode();
		return (own != null) ? own : byDefault;
	}

	@EventListener
	void on(DefaultLoginModeChanged changed) {
		this.jdbc.sql("update terminal set login_mode_in_force = :mode where login_mode is null")
			.param("mode", changed.mode().value())
			.update();
	}

}
