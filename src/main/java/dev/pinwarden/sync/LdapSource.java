package dev.pinwarden.sync;

/**
 * The LDAP / Active Directory source as configured, without its bind password.
 *
 * @param hasBindPassword whether a bind password is stored (it is never shown)
 * @param schedule a cron expression (second minute hour day month weekday) for automatic
 * syncs, or {@code null}
 */
public record LdapSource(String url, String bindDn, boolean hasBindPassword, String baseDn, String filter,
		String usernameAttribute, String fullNameAttribute, String emailAttribute, boolean deactivateMissing,
		String schedule) {

	static final String AD_USERNAME = "sAMAccountName";

	static final String AD_FULL_NAME = "displayName";

	static final String AD_EMAIL = "mail";

	static final String AD_FILTER = "(&(objectCategory=person)(objectClass=user))";

}
