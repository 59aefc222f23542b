package dev.pinwarden.settings;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.pinwarden.Audited;
import dev.pinwarden.pin.MinimalPinLengthSource;

/** Reads and changes the PIN settings row. */
@Service
public class PinSettingsService implements MinimalPinLengthSource {

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	PinSettingsService(JdbcClient jdbc, ApplicationEventPublisher events) {
		this.events = events;
		this.jdbc = jdbc;
	}

	@Transactional(readOnly = true)
	public PinSettings get() {
		return this.jdbc.sql("""
				select users_can_change_pin, minimal_pin_length, generate_pin_for_new_users, send_pin_by_email,
				  delete_credentials_on_deactivation, version
				from pin_settings where id = 1""")
			.query((rs, row) -> new PinSettings(rs.getBoolean(1), rs.getInt(2), rs.getBoolean(3), rs.getBoolean(4),
					rs.getBoolean(5), rs.getInt(6)))
			.single();
	}

	@Override
	public int minimalPinLength() {
		return get().minimalPinLength();
	}

	/**
	 * Applies the change. {@code regenerationOffered} tells whether the minimal length
	 * was raised, in which case the admin is offered a regeneration of all PINs; nothing
	 * else changes until they accept.
	 */
	@Transactional
	public SettingsUpdate update(PinSettingsChange change) {
		PinSettings current = get();
		if (change.version() != null && change.version() != current.version()) {
			throw new SettingsConflictException();
		}
		PinSettings updated = current.apply(change);
		int rows = this.jdbc.sql("""
				update pin_settings set users_can_change_pin = :usersCanChangePin,
				  minimal_pin_length = :minimalPinLength, generate_pin_for_new_users = :generatePinForNewUsers,
				  send_pin_by_email = :sendPinByEmail, delete_credentials_on_deactivation = :deleteCredentials,
				  version = :version
				where id = 1 and version = :expectedVersion""")
			.param("usersCanChangePin", updated.usersCanChangePin())
			.param("minimalPinLength", updated.minimalPinLength())
			.param("generatePinForNewUsers", updated.generatePinForNewUsers())
			.param("sendPinByEmail", updated.sendPinByEmail())
			.param("deleteCredentials", updated.deleteCredentialsOnDeactivation())
			.param("version", updated.version())
			.param("expectedVersion", current.version())
			.update();
		if (rows != 1) {
			throw new SettingsConflictException();
		}
		this.events.publishEvent(
				Audited.of("settings.pin.changed", "PIN settings", describe(current) + " -> " + describe(updated)));
		return new SettingsUpdate(updated, updated.minimalPinLength() > current.minimalPinLength());
	}

	private static String describe(PinSettings settings) {
		return "usersCanChangePin=" + settings.usersCanChangePin() + ", minimalPinLength=" + settings.minimalPinLength()
				+ ", generatePinForNewUsers=" + settings.generatePinForNewUsers() + ", sendPinByEmail="
				+ settings.sendPinByEmail() + ", deleteCredentialsOnDeactivation="
				+ settings.deleteCredentialsOnDeactivation();
	}

	/**
	 * The settings after a change, and whether the change raised the minimal PIN length.
	 */
	public record SettingsUpdate(PinSettings settings, boolean regenerationOffered) {
	}

}
