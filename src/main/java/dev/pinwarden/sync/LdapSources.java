package dev.pinwarden.sync;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import dev.pinwarden.InvalidInputException;
import dev.pinwarden.pin.KeyedSecrets;
import dev.pinwarden.pin.SecretBox;
import dev.pinwarden.jdbc.Rows;

/** Stores the LDAP source; its bind password sealed, and opened only to bind. */
@Repository
class LdapSources implements KeyedSecrets {

	private static final String PURPOSE = "ldap-bind-password/v1";

	/** {@code bind_password_version} of a password bound to its URL and bind DN. */
	private static final int BOUND = 2;

	private final JdbcClient jdbc;

	private final SecretBox box;

	private final Clock clock;

	LdapSources(JdbcClient jdbc, SecretBox box, Clock clock) {
		this.clock = clock;
		this.jdbc = jdbc;
		this.box = box;
	}

	@Transactional(readOnly = true)
	Optional<LdapSource> find() {
		return this.jdbc.sql("""
				select url, bind_dn, bind_password, base_dn, filter, username_attribute, full_name_attribute,
				  email_attribute, deactivate_missing, schedule, tls, ca_certificate, card_attribute,
				  unique_id_attribute
				from ldap_source where id = 1""")
			.query((rs, row) -> new LdapSource(rs.getString("url"), rs.getString("bind_dn"),
					rs.getBytes("bind_password") != null, rs.getString("base_dn"), rs.getString("filter"),
					rs.getString("username_attribute"), rs.getString("full_name_attribute"),
					rs.getString("email_attribute"), rs.getBoolean("deactivate_missing"), rs.getString("schedule"),
					rs.getString("tls"), rs.getString("ca_certificate"), rs.getString("card_attribute"),
					rs.getString("unique_id_attribute")))
			.optional();
	}

	/**
	 * The bind password in clear, for the moment of binding. It is sealed bound to the
	 * URL and bind DN it was typed for, and opens for no other.
	 */
	@Transactional(readOnly = true)
	Optional<String> bindPassword() {
		return this.jdbc.sql("""
				select bind_password, bind_password_key_id, bind_password_version, url, bind_dn, tls, ca_certificate
				from ldap_source
				where id = 1 and bind_password is not null""").query((rs, row) -> {
			SecretBox.Sealed sealed = new SecretBox.Sealed(rs.getString(2), rs.getBytes(1));
			try {
				byte[] plain = (rs.getInt(3) >= BOUND)
						? this.box.open(PURPOSE,
								boundTo(rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7)), sealed)
						: this.box.openUnbound(PURPOSE, sealed);
				return new String(plain, StandardCharsets.UTF_8);
			}
			catch (IllegalStateException ex) {
				throw new SyncSourceException("ldap_password_unreadable",
						"The stored bind password does not open for this URL and bind DN (or with the PIN keys "
								+ "given); enter it again");
			}
		}).optional();
	}

	/**
	 * Saves the source. A stored bind password is kept when none is given, but only for
	 * the same URL and bind DN: it is never sent to a server, or as an account, it was
	 * not typed for.
	 */
	@Transactional
	LdapSource save(LdapSourceChange change) {
		SecretBox.Sealed password = null;
		boolean keepPassword = change.bindPassword() == null;
		Optional<LdapSource> current = find();
		if (keepPassword && current.isPresent() && current.get().hasBindPassword()
				&& !Arrays.equals(boundTo(current.get().url(), current.get().bindDn(), current.get().tls(),
						current.get().caCertificate()), boundTo(change))) {
			throw new InvalidInputException("bindPassword", "bind_password_required",
					"The URL, bind DN, connection security or CA certificate changed: give the bind password "
							+ "again, since the stored one is kept only for the server and account it was typed for");
		}
		if (!keepPassword && !change.bindPassword().isEmpty()) {
			password = this.box.seal(PURPOSE, boundTo(change), change.bindPassword().getBytes(StandardCharsets.UTF_8));
		}
		Timestamp now = Timestamp.from(this.clock.instant());
		boolean exists = current.isPresent();
		String sql = exists ? """
				update ldap_source set url = :url, bind_dn = :bindDn, base_dn = :baseDn, filter = :filter,
				  username_attribute = :usernameAttribute, full_name_attribute = :fullNameAttribute,
				  email_attribute = :emailAttribute, deactivate_missing = :deactivateMissing, schedule = :schedule,
				  tls = :tls, ca_certificate = :caCertificate, card_attribute = :cardAttribute,
				  unique_id_attribute = :uniqueIdAttribute, updated_at = :now""" + (keepPassword ? ""
				: ", bind_password = :password, bind_password_key_id = :keyId, bind_password_version = :version")
				+ " where id = 1"
				: """
						insert into ldap_source (id, url, bind_dn, bind_password, bind_password_key_id,
						  bind_password_version, base_dn, filter, username_attribute, full_name_attribute, email_attribute,
						  deactivate_missing, schedule, tls, ca_certificate, card_attribute, unique_id_attribute,
						  updated_at)
						values (1, :url, :bindDn, :password, :keyId, :version, :baseDn, :filter, :usernameAttribute,
						  :fullNameAttribute, :emailAttribute, :deactivateMissing, :schedule, :tls, :caCertificate,
						  :cardAttribute, :uniqueIdAttribute, :now)""";
		this.jdbc.sql(sql)
			.param("url", change.url())
			.param("bindDn", change.bindDn())
			.param("password", (password != null) ? password.content() : null)
			.param("keyId", (password != null) ? password.keyId() : null)
			.param("version", BOUND)
			.param("baseDn", change.baseDn())
			.param("filter", change.filter())
			.param("usernameAttribute", change.usernameAttribute())
			.param("fullNameAttribute", change.fullNameAttribute())
			.param("emailAttribute", change.emailAttribute())
			.param("deactivateMissing", Boolean.TRUE.equals(change.deactivateMissing()))
			.param("schedule", change.schedule())
			.param("tls", change.tls())
			.param("caCertificate", change.caCertificate())
			.param("cardAttribute", change.cardAttribute())
			.param("uniqueIdAttribute", change.uniqueIdAttribute())
			.param("now", now)
			.update();
		return find().orElseThrow();
	}

	@Override
	public String name() {
		return "ldapPassword";
	}

	@Override
	public Map<String, Long> countsByKey() {
		return this.jdbc.sql("select bind_password_key_id from ldap_source where bind_password is not null")
			.query(String.class)
			.list()
			.stream()
			.collect(java.util.stream.Collectors.toMap((key) -> key, (key) -> 1L, Long::sum, java.util.TreeMap::new));
	}

	/**
	 * The bind password, sealed again under the current key (and bound to its source).
	 */
	@Override
	@Transactional
	public int resealUnderCurrentKey() {
		Optional<LdapSource> source = find();
		if (source.isEmpty() || !source.get().hasBindPassword()) {
			return 0;
		}
		boolean stale = this.jdbc.sql("""
				select count(*) from ldap_source
				where id = 1 and (bind_password_key_id <> :current or bind_password_version < :bound)""")
			.param("current", this.box.currentKeyId())
			.param("bound", BOUND)
			.query(Long.class)
			.single() > 0;
		if (!stale) {
			return 0;
		}
		String password = bindPassword().orElseThrow();
		LdapSource s = source.get();
		SecretBox.Sealed sealed = this.box.seal(PURPOSE, boundTo(s.url(), s.bindDn(), s.tls(), s.caCertificate()),
				password.getBytes(StandardCharsets.UTF_8));
		this.jdbc.sql("""
				update ldap_source set bind_password = :password, bind_password_key_id = :keyId,
				  bind_password_version = :version where id = 1""")
			.param("password", sealed.content())
			.param("keyId", sealed.keyId())
			.param("version", BOUND)
			.update();
		return 1;
	}

	private static byte[] boundTo(LdapSourceChange change) {
		return boundTo(change.url(), change.bindDn(), change.tls(), change.caCertificate());
	}

	/** The password is for this server, account, protection and trust: for no other. */
	private static byte[] boundTo(String url, String bindDn, String tls, String caCertificate) {
		return SecretBox.boundTo("ldap_source", PURPOSE, url, bindDn, tls, caCertificate);
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

	/**
	 * The schedule as a node sees it when it looks, read at once: the run last claimed
	 * (none yet: {@code lastClaimed} is null) and the time the next run is counted from.
	 * Empty when no source or no schedule is set.
	 */
	@Transactional(readOnly = true)
	Optional<ScheduleSeen> findSchedule() {
		return this.jdbc.sql("""
				select schedule, last_scheduled_run_at, coalesce(last_scheduled_run_at, updated_at)
				from ldap_source where id = 1 and schedule is not null""")
			.query((rs, row) -> new ScheduleSeen(rs.getString(1), Rows.instant(rs, 2), Rows.instant(rs, 3)))
			.optional();
	}

	record ScheduleSeen(String schedule, Instant lastClaimed, Instant since) {
	}

}
