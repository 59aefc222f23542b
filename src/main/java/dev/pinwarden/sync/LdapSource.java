package dev.pinwarden.sync;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The LDAP / Active Directory source as configured, without its bind password.
 *
 * @param hasBindPassword whether a bind password is stored (it is never shown)
 * @param schedule a cron expression (second minute hour day month weekday) for automatic
 * syncs, or {@code null}
 * @param tls {@code none}, {@code starttls} or {@code ldaps}
 * @param caCertificate the PEM certificate(s) the directory's must chain to, or
 * {@code null} for the JVM's
 * @param cardAttribute the attribute holding card numbers, or {@code null} for none
 * @param uniqueIdAttribute the attribute holding each person's stable id, or
 * {@code null}: {@code objectGUID} where an entry has it (Active Directory),
 * {@code entryUUID} otherwise
 */
public record LdapSource(String url, String bindDn, boolean hasBindPassword, String baseDn, String filter,
		String usernameAttribute, String fullNameAttribute, String emailAttribute, boolean deactivateMissing,
		String schedule, String tls, String caCertificate, String cardAttribute, String uniqueIdAttribute) {

	/** What an admin should change: a bind password sent in clear. */
	@JsonProperty("warnings")
	public List<String> warnings() {
		return (LdapTls.NONE.equals(this.tls) && this.bindDn != null && this.hasBindPassword)
				? List.of("The bind password goes to the directory in clear text over ldap://: "
						+ "use ldaps:// or StartTLS (tls: starttls)")
				: List.of();
	}

	static final String AD_USERNAME = "sAMAccountName";

	static final String AD_FULL_NAME = "displayName";

	static final String AD_EMAIL = "mail";

	static final String AD_FILTER = "(&(objectCategory=person)(objectClass=user))";

}
