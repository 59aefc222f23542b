package dev.pinwarden.sync;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;

import org.springframework.scheduling.support.CronExpression;

import dev.pinwarden.InvalidInputException;
import dev.pinwarden.TextInput;

/**
 * The LDAP source an admin configures, checked when it is made. Attribute names default
 * to Active Directory's, the filter to AD's person objects.
 *
 * @param bindPassword write-only: {@code null} keeps the stored one, an empty one removes
 * it; {@code hasBindPassword} and {@code warnings} of the GET may come back, and are
 * ignored
 * @param tls {@code none}, {@code starttls} or {@code ldaps}; by default what the URL's
 * scheme says ({@code ldaps://} is {@code ldaps})
 * @param caCertificate PEM certificate(s) the directory's certificate must chain to, for
 * an organisation's own CA; {@code null} for those the JVM trusts
 * @param cardAttribute the attribute holding users' card numbers (for instance
 * {@code employeeNumber}, {@code pager}, {@code extensionAttribute1}; several values are
 * several cards, binary ones are read as hex), or {@code null}: the directory brings no
 * cards
 * @param uniqueIdAttribute the attribute holding each person's stable id, by which a
 * renamed user stays the same user; {@code null}: {@code objectGUID} where an entry has
 * it (Active Directory), {@code entryUUID} otherwise (OpenLDAP and most others)
 */
@JsonIgnoreProperties({ "hasBindPassword", "warnings" })
public record LdapSourceChange(String url, String bindDn, String bindPassword, String baseDn, String filter,
		String usernameAttribute, String fullNameAttribute, String emailAttribute, Boolean deactivateMissing,
		String schedule, String tls, String caCertificate, String cardAttribute, String uniqueIdAttribute) {

	public LdapSourceChange {
		url = TextInput.required("url", url, 500);
		String scheme = url.toLowerCase(Locale.ROOT);
		if (!scheme.startsWith("ldap://") && !scheme.startsWith("ldaps://")) {
			throw new InvalidInputException("url", "url must start with ldap:// or ldaps://");
		}
		LdapAddress address = LdapAddress.parse(url);
		tls = LdapTls.of(tls, address);
		caCertificate = (caCertificate == null || caCertificate.isBlank()) ? null : caCertificate.strip();
		if (caCertificate != null) {
			if (caCertificate.length() > 20_000) {
				throw new InvalidInputException("caCertificate", "caCertificate must be at most 20,000 characters");
			}
			LdapTls.certificates(caCertificate);
		}
		bindDn = TextInput.optional("bindDn", bindDn, 500);
		if (bindDn != null && !DN.isValidDN(bindDn)) {
			throw new InvalidInputException("bindDn", "bindDn is not a valid distinguished name");
		}
		if (bindPassword != null && bindPassword.length() > 500) {
			throw new InvalidInputException("bindPassword", "bindPassword must be at most 500 characters");
		}
		baseDn = TextInput.required("baseDn", baseDn, 500);
		if (!DN.isValidDN(baseDn)) {
			throw new InvalidInputException("baseDn", "baseDn is not a valid distinguished name");
		}
		filter = (filter == null || filter.isBlank()) ? LdapSource.AD_FILTER
				: TextInput.required("filter", filter, 1000);
		try {
			Filter.create(filter);
		}
		catch (LDAPException ex) {
			throw new InvalidInputException("filter",
					"filter is not a valid LDAP filter: " + ex.getDiagnosticMessage());
		}
		usernameAttribute = attribute("usernameAttribute", usernameAttribute, LdapSource.AD_USERNAME);
		fullNameAttribute = attribute("fullNameAttribute", fullNameAttribute, LdapSource.AD_FULL_NAME);
		emailAttribute = attribute("emailAttribute", emailAttribute, LdapSource.AD_EMAIL);
		cardAttribute = attribute("cardAttribute", cardAttribute, null);
		uniqueIdAttribute = attribute("uniqueIdAttribute", uniqueIdAttribute, null);
		schedule = TextInput.optional("schedule", schedule, 100);
		if (schedule != null && !CronExpression.isValidExpression(schedule)) {
			throw new InvalidInputException("schedule",
					"schedule is not a valid cron expression (six fields: second minute hour day month weekday, "
							+ "e.g. '0 0 2 * * *' for 2 a.m. daily)");
		}
	}

	private static String attribute(String field, String value, String adDefault) {
		String name = TextInput.optional(field, value, 100);
		if (name == null) {
			return adDefault;
		}
		if (!name.matches("[A-Za-z][A-Za-z0-9-]*")) {
			throw new InvalidInputException(field, field + " must be an attribute name such as "
					+ ((adDefault != null) ? adDefault : "employeeNumber"));
		}
		return name;
	}

	@Override
	public String toString() {
		return "LdapSourceChange[url=" + this.url + ", bindDn=" + this.bindDn + ", bindPassword=<hidden>]";
	}

}
