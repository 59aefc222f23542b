package dev.pinwarden.sync;

import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

import javax.net.ssl.SSLContext;

import com.unboundid.asn1.ASN1OctetString;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.controls.SimplePagedResultsControl;
import com.unboundid.ldap.sdk.ExtendedResult;
import com.unboundid.ldap.sdk.extensions.StartTLSExtendedRequest;
import com.unboundid.util.ssl.HostNameSSLSocketVerifier;

import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

import dev.pinwarden.InvalidInputException;
import dev.pinwarden.user.NewUser;
import dev.pinwarden.user.SyncedUser;

/**
 * Users from an LDAP server or Active Directory, read with the simple paged results
 * control (RFC 2696) a page at a time, so that a directory of any size syncs with flat
 * memory. {@code ldaps://} checks the server's certificate against the JVM's trust store.
 * An Active Directory account disabled in {@code userAccountControl} comes in as
 * inactive.
 */
class LdapUserSource implements UserSource {

	static final int PAGE_SIZE = 1000;

	/** userAccountControl's ACCOUNTDISABLE flag. */
	private static final int ACCOUNT_DISABLED = 0x2;

	private final LdapSource source;

	private final String bindPassword;

	LdapUserSource(LdapSource source, String bindPassword) {
		this.source = source;
		this.bindPassword = bindPassword;
	}

	/**
	 * Reads page after page; the next page is asked for before the entries of the current
	 * one are handed on, so that the directory sends it while the database writes these.
	 */
	@Override
	public void read(Consumer<SourceRecord> records) {
		ExecutorService prefetch = Executors.newSingleThreadExecutor(new CustomizableThreadFactory("pinwarden-ldap-"));
		try (LDAPConnection connection = connect()) {
			long number = 0;
			SearchResult page = connection.search(pageRequest(null));
			while (page != null) {
				ASN1OctetString cookie = nextCookie(page);
				Future<SearchResult> next = (cookie != null)
						? prefetch.submit(() -> connection.search(pageRequest(cookie))) : null;
				for (SearchResultEntry entry : page.getSearchEntries()) {
					records.accept(toRecord(entry, ++number));
				}
				page = (next != null) ? awaitPage(next) : null;
			}
		}
		catch (LDAPException ex) {
			throw failure(ex);
		}
		finally {
			prefetch.shutdownNow();
		}
	}

	private SearchRequest pageRequest(ASN1OctetString cookie) throws LDAPException {
		List<String> attributes = new ArrayList<>(List.of(this.source.usernameAttribute(),
				this.source.fullNameAttribute(), this.source.emailAttribute(), "userAccountControl"));
		if (this.source.cardAttribute() != null) {
			attributes.add(this.source.cardAttribute());
		}
		attributes.addAll(LdapIds.attributesToRead(this.source.uniqueIdAttribute()));
		SearchRequest request = new SearchRequest(this.source.baseDn(), SearchScope.SUB, this.source.filter(),
				attributes.toArray(String[]::new));
		request.setControls(new SimplePagedResultsControl(PAGE_SIZE, cookie));
		return request;
	}

	private static ASN1OctetString nextCookie(SearchResult page) throws LDAPException {
		SimplePagedResultsControl paging = SimplePagedResultsControl.get(page);
		return (paging != null && paging.moreResultsToReturn()) ? paging.getCookie() : null;
	}

	private static SearchResult awaitPage(Future<SearchResult> next) throws LDAPException {
		try {
			return next.get();
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof LDAPException ldap) {
				throw ldap;
			}
			throw new IllegalStateException(ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new LDAPException(ResultCode.USER_CANCELED, "interrupted while reading the directory");
		}
	}

	/** Connects and binds, and reads one entry: what "Test connection" does. */
	int test() {
		try (LDAPConnection connection = connect()) {
			SearchRequest request = new SearchRequest(this.source.baseDn(), SearchScope.SUB, this.source.filter(),
					this.source.usernameAttribute());
			request.setSizeLimit(1);
			try {
				return connection.search(request).getEntryCount();
			}
			catch (LDAPException ex) {
				if (ex.getResultCode() == ResultCode.SIZE_LIMIT_EXCEEDED) {
					return 1;
				}
				throw ex;
			}
		}
		catch (LDAPException ex) {
			throw failure(ex);
		}
	}

	private LDAPConnection connect() throws LDAPException {
		LdapAddress address = LdapAddress.parse(this.source.url());
		LDAPConnectionOptions options = new LDAPConnectionOptions();
		options.setConnectTimeoutMillis(10_000);
		options.setResponseTimeoutMillis(120_000);
		// the certificate must name the host the URL names (wildcards allowed): a trusted
		// certificate of another host is refused
		options.setSSLSocketVerifier(new HostNameSSLSocketVerifier(true));
		SSLContext tls = null;
		if (!LdapTls.NONE.equals(this.source.tls())) {
			try {
				tls = LdapTls.context(this.source.caCertificate());
			}
			catch (GeneralSecurityException ex) {
				throw new SyncSourceException("ldap_tls_failed", "TLS is not available: " + ex.getMessage());
			}
		}
		LDAPConnection connection = LdapTls.LDAPS.equals(this.source.tls())
				? new LDAPConnection(tls.getSocketFactory(), options, address.host(), address.port())
				: new LDAPConnection(options, address.host(), address.port());
		try {
			if (LdapTls.STARTTLS.equals(this.source.tls())) {
				ExtendedResult started = connection.processExtendedOperation(new StartTLSExtendedRequest(tls));
				if (started.getResultCode() != ResultCode.SUCCESS) {
					throw new LDAPException(started);
				}
			}
			if (this.source.bindDn() != null) {
				connection.bind(this.source.bindDn(), (this.bindPassword != null) ? this.bindPassword : "");
			}
		}
		catch (LDAPException ex) {
			connection.close();
			throw ex;
		}
		return connection;
	}

	private SourceRecord toRecord(SearchResultEntry entry, long number) {
		try {
			String username = entry.getAttributeValue(this.source.usernameAttribute());
			if (username == null) {
				return new SourceRecord.Rejected(number,
						entry.getDN() + " has no " + this.source.usernameAttribute() + " and was skipped");
			}
			Integer control = entry.getAttributeValueAsInteger("userAccountControl");
			Boolean active = (control != null) ? (control & ACCOUNT_DISABLED) == 0 : null;
			NewUser user = new NewUser(username, entry.getAttributeValue(this.source.fullNameAttribute()),
					entry.getAttributeValue(this.source.emailAttribute()), null);
			return new SourceRecord.User(
					new SyncedUser(number, user, active, LdapCards.of(entry, this.source.cardAttribute()),
							LdapIds.of(entry, this.source.uniqueIdAttribute())));
		}
		catch (InvalidInputException ex) {
			return new SourceRecord.Rejected(number, entry.getDN() + ": " + ex.getMessage());
		}
	}

	private static boolean isTlsFailure(LDAPException ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof javax.net.ssl.SSLException
					|| cause instanceof java.security.cert.CertificateException) {
				return true;
			}
		}
		String message = String.valueOf(ex.getMessage()).toLowerCase(java.util.Locale.ROOT);
		return message.contains("certificate") || message.contains("hostname") || message.contains("ssl")
				|| message.contains("tls");
	}

	/** A directory failure as a problem an admin can act on, without secrets. */
	private SyncSourceException failure(LDAPException ex) {
		ResultCode code = ex.getResultCode();
		String where = this.source.url();
		if (isTlsFailure(ex)) {
			return SyncSourceException.upstream("ldap_tls_failed",
					"The directory at " + where + " could not be reached over TLS: " + ex.getMessage()
							+ " (check the host name in the URL and the CA certificate)");
		}
		if (code == ResultCode.INVALID_CREDENTIALS) {
			return new SyncSourceException("ldap_bind_failed", "The directory at " + where + " refused the bind as '"
					+ this.source.bindDn() + "': invalid credentials");
		}
		if (code == ResultCode.CONNECT_ERROR || code == ResultCode.SERVER_DOWN || code == ResultCode.TIMEOUT) {
			return SyncSourceException.upstream("ldap_unavailable",
					"The directory at " + where + " cannot be reached (" + code.getName() + ")");
		}
		if (code == ResultCode.NO_SUCH_OBJECT) {
			return new SyncSourceException("ldap_search_failed",
					"The base DN '" + this.source.baseDn() + "' does not exist in the directory at " + where);
		}
		return SyncSourceException.upstream("ldap_search_failed", "The directory at " + where + " answered "
				+ code.getName() + ((ex.getDiagnosticMessage() != null) ? ": " + ex.getDiagnosticMessage() : ""));
	}

}
