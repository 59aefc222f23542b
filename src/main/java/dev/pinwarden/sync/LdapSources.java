package dev.pinwarden.sync;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import dev.pinwarden.pin.SecretBox;

/** Stores the LDAP source; its bind password sealed, and opened only to bind. */
@Repository
class LdapSources {

	private static final String PURPOSE = "ldap-bind-password/v1";

	private final JdbcClient jdbc;

	private final SecretBox box;

	LdapSources(JdbcClient jdbc, SecretBox box) {
		this.jdbc = jdbc;
		this.box = box;
	}

	@Transactional(readOnly = true)
	Optional<LdapSource> find() {
		return this.jdbc.sql("""
				select url, bind_dn, bind_password, base_dn, filter, username_attribute, full_name_attribute,
				  email_attribute, deactivate_missing, schedule from ldap_source where id = 1""")
			.query((rs, row) -> new LdapSource(rs.getString("url"), rs.getString("bind_dn"),
					rs.getBytes("bind_password") != null, rs.getString("base_dn"), rs.getString("filter"),
					rs.getString("username_attribute"), rs.getString("full_name_attribute"),
					rs.getString("email_attribute"), rs.getBoolean("deactivate_missing"), rs.getString("schedule")))
			.optional();
	}

	/** The bind password in clear, for the moment of binding. */
	@Transactional(readOnly = true)
	Optional<String> bindPassword() {
		return this.jdbc.sql(
				"select bind_password, bind_password_key_id from ldap_source where id = 1 and bind_password is not null")
			.query((rs, row) -> new String(
					this.box.open(PURPOSE, new SecretBox.Sealed(rs.getString(2), rs.getBytes(1))),
					StandardCharsets.UTF_8))
			.optional();
	}

	@Transactional
	LdapSource save(LdapSourceChange change) {
		SecretBox.Sealed password = null;
		boolean keepPassword = change.bindPassword() == null;
		if (!keepPassword && !change.bindPassword().isEmpty()) {
			password = this.box.seal(PURPOSE, change.bindPassword().getBytes(StandardCharsets.UTF_8));
		}
		Timestamp now = Timestamp.from(Instant.now());
		boolean exists = find().isPresent();
		String sql = exists ? """
				update ldap_source set url = :url, bind_dn = :bindDn, base_dn = :baseDn, filter = :filter,
				  username_attribute = :usernameAttribute, full_name_attribute = :fullNameAttribute,
				  email_attribute = :emailAttribute, deactivate_missing = :deactivateMissing, schedule = :schedule,
				  updated_at = :now"""
				+ (keepPassword ? "" : ", bind_password = :password, bind_password_key_id = :keyId") + " where id = 1"
				: """
						insert into ldap_source (id, url, bind_dn, bind_password, bind_password_key_id, base_dn, filter,
						  username_attribute, full_name_attribute, email_attribute, deactivate_missing, schedule, updated_at)
						values (1, :url, :bindDn, :password, :keyId, :baseDn, :filter, :usernameAttribute,
						  :fullNameAttribute, :emailAttribute, :deactivateMissing, :schedule, :now)""";
		this.jdbc.sql(sql)
			.param("url", change.url())
			.param("bindDn", change.bindDn())
			.param("password", (password != null) ? password.content() : null)
			.param("keyId", (password != null) ? password.keyId() : null)
			.param("baseDn", change.baseDn())
			.param("filter", change.filter())
			.param("usernameAttribute", change.usernameAttribute())
			.param("fullNameAttribute", change.fullNameAttribute())
			.param("emailAttribute", change.emailAttribute())
			.param("deactivateMissing", Boolean.TRUE.equals(change.deactivateMissing()))
			.param("schedule", change.schedule())
			.param("now", now)
			.update();
		return find().orElseThrow();
	}

	/**
	 * Claims the scheduled run due at {@code due}: only one node's update succeeds, so a
	 * schedule runs once however many nodes there are.
	 */
	@Transactional
	boolean claimScheduledRun(Instant previous, Instant due) {
		return this.jdbc
			.sql("""
					update ldap_source set last_scheduled_run_at = :due
					where id = 1 and (last_scheduled_run_at = :previous or (last_scheduled_run_at is null and :first = true))""")
			.param("due", Timestamp.from(due))
			.param("previous", (previous != null) ? Timestamp.from(previous) : null)
			.param("first", previous == null)
			.update() == 1;
	}

	@Transactional(readOnly = true)
	Optional<Instant> lastClaimedRun() {
		return this.jdbc
			.sql("select last_scheduled_run_at from ldap_source where id = 1 and last_scheduled_run_at is not null")
			.query((rs, row) -> rs.getObject(1, java.time.OffsetDateTime.class).toInstant())
			.optional();
	}

	@Transactional(readOnly = true)
	Optional<Instant> lastScheduledRun() {
		return this.jdbc.sql("select coalesce(last_scheduled_run_at, updated_at) from ldap_source where id = 1")
			.query((rs, row) -> rs.getObject(1, java.time.OffsetDateTime.class).toInstant())
			.optional();
	}

}
