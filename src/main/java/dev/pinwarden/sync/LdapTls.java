package dev.pinwarden.sync;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

import com.unboundid.util.ssl.JVMDefaultTrustManager;

import dev.pinwarden.InvalidInputException;

/**
 * How an LDAP connection is protected, and whom it trusts: the JVM's certificate
 * authorities, or the PEM certificates an admin gave (an organisation's own CA). The
 * server's host name is always checked against its certificate, where the connection is
 * made ({@link LdapUserSource}).
 */
final class LdapTls {

	static final String NONE = "none";

	static final String STARTTLS = "starttls";

	static final String LDAPS = "ldaps";

	private LdapTls() {
	}

	/** The mode asked for, checked against the URL; by default the URL's. */
	static String of(String tls, LdapAddress address) {
		if (tls == null || tls.isBlank()) {
			return address.tls() ? LDAPS : NONE;
		}
		String mode = tls.strip().toLowerCase(Locale.ROOT);
		if (!List.of(NONE, STARTTLS, LDAPS).contains(mode)) {
			throw new InvalidInputException("tls", "tls must be none, starttls or ldaps");
		}
		if (mode.equals(LDAPS) != address.tls()) {
			throw new InvalidInputException("tls", mode.equals(LDAPS) ? "tls ldaps needs an ldaps:// URL"
					: "an ldaps:// URL is always TLS: set tls to ldaps, or use ldap:// for " + mode);
		}
		return mode;
	}

	/**
	 * The certificates of a PEM text; refused with a clear message when there are none.
	 */
	static Collection<? extends Certificate> certificates(String pem) {
		try {
			Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509")
				.generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
			if (certificates.isEmpty()) {
				throw new CertificateException("no certificate");
			}
			return certificates;
		}
		catch (CertificateException ex) {
			throw new InvalidInputException("caCertificate",
					"caCertificate must be one or more PEM certificates (-----BEGIN CERTIFICATE----- ...)");
		}
	}

	/** A TLS context trusting the given PEM certificates, or the JVM's when none. */
	static SSLContext context(String caCertificate) throws GeneralSecurityException {
		TrustManager[] trust;
		if (caCertificate == null) {
			trust = new TrustManager[] { JVMDefaultTrustManager.getInstance() };
		}
		else {
			KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
			try {
				store.load(null, null);
			}
			catch (java.io.IOException ex) {
				throw new GeneralSecurityException(ex);
			}
			int i = 0;
			for (Certificate certificate : certificates(caCertificate)) {
				store.setCertificateEntry("ca-" + i++, certificate);
			}
			TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			factory.init(store);
			trust = factory.getTrustManagers();
		}
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(null, trust, null);
		return context;
	}

}
