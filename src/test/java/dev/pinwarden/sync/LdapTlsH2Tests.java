package dev.pinwarden.sync;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.util.ssl.KeyStoreKeyManager;
import com.unboundid.util.ssl.SSLUtil;
import com.unboundid.util.ssl.TrustAllTrustManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import dev.pinwarden.support.ApiIntegrationTest;
import dev.pinwarden.support.OnH2;
import dev.pinwarden.support.TestApi.Response;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The directory's certificate must name the host the URL names, over ldaps:// and
 * StartTLS, and chain to a certificate Pinwarden trusts. Real TLS listeners of an
 * in-memory directory, with certificates made by the JDK's keytool.
 */
@OnH2
class LdapTlsH2Tests extends ApiIntegrationTest {

	@TempDir
	static Path certificates;

	static InMemoryDirectoryServer directory;

	static String otherHostCertificate;

	static String localhostCertificate;

	@BeforeAll
	static void startDirectory() throws Exception {
		Path other = keyStore("other", "other.example");
		Path localhost = keyStore("localhost", "localhost");
		otherHostCertificate = certificate(other);
		localhostCertificate = certificate(localhost);
		InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig("dc=example,dc=org");
		config.setSchema(null);
		config.addAdditionalBindCredentials("cn=sync,dc=example,dc=org", "bind-secret");
		config.setListenerConfigs(
				InMemoryListenerConfig.createLDAPSConfig("ldaps-other", null, 0,
						server(other).createSSLServerSocketFactory(), null),
				InMemoryListenerConfig.createLDAPSConfig("ldaps-localhost", null, 0,
						server(localhost).createSSLServerSocketFactory(), null),
				InMemoryListenerConfig.createLDAPConfig("starttls-other", null, 0,
						server(other).createSSLSocketFactory()),
				InMemoryListenerConfig.createLDAPConfig("starttls-localhost", null, 0,
						server(localhost).createSSLSocketFactory()));
		directory = new InMemoryDirectoryServer(config);
		directory.add(
				new Entry("dc=example,dc=org", new Attribute("objectClass", "domain"), new Attribute("dc", "example")));
		directory.add(new Entry("cn=Person 1,dc=example,dc=org", new Attribute("objectClass", "user"),
				new Attribute("objectCategory", "person"), new Attribute("sAMAccountName", "person1"),
				new Attribute("mail", "person1@example.org")));
		directory.startListening();
	}

	@AfterAll
	static void stopDirectory() {
		directory.shutDown(true);
	}

	@Test
	void aTrustedCertificateOfAnotherHostIsRefusedOverLdaps() {
		Response saved = configure("ldaps://localhost:" + directory.getListenPort("ldaps-other"), "ldaps",
				otherHostCertificate);
		assertThat(saved.status()).as(saved.text()).isEqualTo(200);
		Response test = this.api.post("/api/v1/sync/ldap/test", "{}");
		assertThat(test.status()).isEqualTo(502);
		assertThat(test.code()).isEqualTo("ldap_tls_failed");
		assertThat(test.json().path("detail").asString()).contains("localhost").doesNotContain("bind-secret");
	}

	@Test
	void theRightHostsCertificateWorksOverLdapsAndStartTls() {
		configure("ldaps://localhost:" + directory.getListenPort("ldaps-localhost"), "ldaps", localhostCertificate);
		assertThat(this.api.post("/api/v1/sync/ldap/test", "{}").status()).isEqualTo(200);

		configure("ldap://localhost:" + directory.getListenPort("starttls-localhost"), "starttls",
				localhostCertificate);
		assertThat(this.api.post("/api/v1/sync/ldap/test", "{}").status()).isEqualTo(200);
		Response run = this.api.post("/api/v1/sync/ldap/run", "{}");
		assertThat(run.json().path("created").asInt()).isEqualTo(1);
		assertThat(this.api.get("/api/v1/sync/ldap").json().path("warnings").isEmpty()).isTrue();
	}

	@Test
	void anotherHostsCertificateIsRefusedOverStartTlsBeforeThePasswordIsSent() {
		configure("ldap://localhost:" + directory.getListenPort("starttls-other"), "starttls", otherHostCertificate);
		Response test = this.api.post("/api/v1/sync/ldap/test", "{}");
		assertThat(test.code()).isEqualTo("ldap_tls_failed");
	}

	@Test
	void aCertificateNobodyTrustsIsRefused() {
		configure("ldaps://localhost:" + directory.getListenPort("ldaps-localhost"), "ldaps", otherHostCertificate);
		assertThat(this.api.post("/api/v1/sync/ldap/test", "{}").code()).isEqualTo("ldap_tls_failed");
		configure("ldaps://localhost:" + directory.getListenPort("ldaps-localhost"), "ldaps", null);
		assertThat(this.api.post("/api/v1/sync/ldap/test", "{}").code()).isEqualTo("ldap_tls_failed");
	}

	@Test
	void aPlainBindWithAPasswordIsWarnedAbout() {
		Response saved = configure("ldap://localhost:" + directory.getListenPort("starttls-localhost"), "none", null);
		assertThat(saved.json().path("warnings").get(0).asString()).contains("clear text");
		assertThat(this.api.get("/api/v1/sync/ldap").json().path("warnings")).hasSize(1);
	}

	@Test
	void aStoredPasswordGoesOnlyToTheServerAndAccountItWasTypedFor() {
		String url = "ldaps://localhost:" + directory.getListenPort("ldaps-localhost");
		configure(url, "ldaps", localhostCertificate);
		String elsewhere = source("ldaps://evil.example:636", "cn=sync,dc=example,dc=org", null, "ldaps", null);
		Response moved = this.api.put("/api/v1/sync/ldap", elsewhere);
		assertThat(moved.status()).isEqualTo(400);
		assertThat(moved.code()).isEqualTo("bind_password_required");
		assertThat(moved.json().path("field").asString()).isEqualTo("bindPassword");
		String otherAccount = source(url, "cn=admin,dc=example,dc=org", null, "ldaps", localhostCertificate);
		assertThat(this.api.put("/api/v1/sync/ldap", otherAccount).code()).isEqualTo("bind_password_required");

		String weaker = "ldap://localhost:" + directory.getListenPort("starttls-localhost");
		configure(weaker, "starttls", localhostCertificate);
		// an older script that leaves out tls would turn StartTLS off: not with the
		// password
		assertThat(
				this.api.put("/api/v1/sync/ldap", source(weaker, "cn=sync,dc=example,dc=org", null, null, null)).code())
			.isEqualTo("bind_password_required");
		configure(url, "ldaps", localhostCertificate);

		// moved in the database behind the server's back, the sealed password does not
		// open
		this.jdbc.sql("update ldap_source set url = 'ldaps://evil.example:636'").update();
		Response test = this.api.post("/api/v1/sync/ldap/test", "{}");
		assertThat(test.code()).isEqualTo("ldap_password_unreadable");
	}

	private Response configure(String url, String tls, String caCertificate) {
		return this.api.put("/api/v1/sync/ldap",
				source(url, "cn=sync,dc=example,dc=org", "bind-secret", tls, caCertificate));
	}

	private static String source(String url, String bindDn, String password, String tls, String caCertificate) {
		ObjectNode json = JsonMapper.builder().build().createObjectNode();
		json.put("url", url).put("bindDn", bindDn).put("baseDn", "dc=example,dc=org");
		json.put("usernameAttribute", "sAMAccountName");
		if (tls != null) {
			json.put("tls", tls);
		}
		if (password != null) {
			json.put("bindPassword", password);
		}
		if (caCertificate != null) {
			json.put("caCertificate", caCertificate);
		}
		return json.toString();
	}

	private static SSLUtil server(Path keyStore) throws Exception {
		return new SSLUtil(new KeyStoreKeyManager(keyStore.toFile(), "changeit".toCharArray(), "PKCS12", "server"),
				new TrustAllTrustManager());
	}

	/** A PKCS12 key store with a self-signed certificate for {@code host}, by keytool. */
	private static Path keyStore(String name, String host) throws IOException, InterruptedException {
		Path file = certificates.resolve(name + ".p12");
		keytool("-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2", "-dname",
				"CN=" + host, "-ext", "SAN=dns:" + host, "-keystore", file.toString(), "-storetype", "PKCS12",
				"-storepass", "changeit", "-keypass", "changeit");
		return file;
	}

	private static String certificate(Path keyStore) throws IOException, InterruptedException {
		Path pem = certificates.resolve(keyStore.getFileName() + ".pem");
		keytool("-exportcert", "-rfc", "-alias", "server", "-keystore", keyStore.toString(), "-storetype", "PKCS12",
				"-storepass", "changeit", "-file", pem.toString());
		return Files.readString(pem, StandardCharsets.US_ASCII).strip();
	}

	private static void keytool(String... arguments) throws IOException, InterruptedException {
		List<String> command = new java.util.ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
		command.addAll(List.of(arguments));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (process.waitFor() != 0) {
			throw new IOException("keytool failed: " + output);
		}
	}

}
