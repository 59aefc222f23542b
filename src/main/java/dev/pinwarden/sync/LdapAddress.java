package dev.pinwarden.sync;

import java.net.URI;
import java.util.Locale;

import dev.pinwarden.InvalidInputException;

/** Host, port and TLS of an {@code ldap://} or {@code ldaps://} URL. */
record LdapAddress(String host, int port, boolean tls) {

	static LdapAddress parse(String url) {
		try {
			URI uri = URI.create(url);
			boolean tls = uri.getScheme().toLowerCase(Locale.ROOT).equals("ldaps");
			if (uri.getHost() == null) {
				throw new IllegalArgumentException("no host");
			}
			return new LdapAddress(uri.getHost(), (uri.getPort() > 0) ? uri.getPort() : (tls ? 636 : 389), tls);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidInputException("url", "url is not a valid LDAP URL such as ldaps://dc1.example.org:636");
		}
	}

}
