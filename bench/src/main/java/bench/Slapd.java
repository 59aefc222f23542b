package bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A real OpenLDAP slapd (Debian's package), with its own slapd.conf and mdb data in the
 * temp dir, on a free port of 127.0.0.1; never the system service. The entries are
 * loaded with slapadd before it starts (much faster than ldapadd).
 */
final class Slapd {

	static final String SUFFIX = "dc=bench,dc=test";

	static final String PEOPLE = "ou=people," + SUFFIX;

	/** An ordinary account the sync binds as (not the rootdn, which skips limits and ACLs). */
	static final String BIND_DN = "cn=sync," + SUFFIX;

	static final String BIND_PASSWORD = "sync-secret";

	static final String FILTER = "(objectClass=inetOrgPerson)";

	final String url;

	private Slapd(String url) {
		this.url = url;
	}

	static Slapd start(Sandbox sandbox, int entries) throws IOException, InterruptedException {
		Path home = Files.createDirectories(sandbox.path("slapd"));
		Path data = Files.createDirectories(home.resolve("data"));
		Path conf = home.resolve("slapd.conf");
		Files.writeString(conf, """
				include /etc/ldap/schema/core.schema
				include /etc/ldap/schema/cosine.schema
				include /etc/ldap/schema/inetorgperson.schema
				modulepath /usr/lib/ldap
				moduleload back_mdb
				pidfile %1$s/slapd.pid
				argsfile %1$s/slapd.args
				# no size limit, paged results allowed: a sync reads the whole directory
				sizelimit unlimited

				database mdb
				maxsize 4294967296
				suffix "%2$s"
				rootdn "cn=admin,%2$s"
				rootpw admin-secret
				directory %3$s
				index objectClass eq
				index uid eq
				limits dn.exact="%4$s" size=unlimited size.pr=unlimited size.prtotal=unlimited time=unlimited
				access to attrs=userPassword by anonymous auth by * none
				access to * by users read by * none
				""".formatted(home, SUFFIX, data, BIND_DN));
		Path ldif = writeLdif(home.resolve("entries.ldif"), entries);
		run(List.of("slapadd", "-q", "-f", conf.toString(), "-l", ldif.toString()), home.resolve("slapadd.log"));
		Files.delete(ldif);
		int port = Ports.free();
		String url = "ldap://127.0.0.1:" + port;
		// -d 0: stay in the foreground, so that the sandbox owns (and stops) the process
		ProcessBuilder builder = new ProcessBuilder("slapd", "-d", "0", "-h", url + "/", "-f", conf.toString());
		builder.redirectErrorStream(true).redirectOutput(home.resolve("slapd.log").toFile());
		Process slapd = sandbox.start(builder);
		Slapd server = new Slapd(url);
		long deadline = System.nanoTime() + 30_000_000_000L;
		while (!server.answers()) {
			if (!slapd.isAlive() || System.nanoTime() > deadline) {
				throw new IOException("slapd did not start: " + Files.readString(home.resolve("slapd.log")));
			}
			Timing.sleep(100);
		}
		return server;
	}

	private boolean answers() throws IOException, InterruptedException {
		Process probe = new ProcessBuilder("ldapsearch", "-x", "-H", this.url, "-D", BIND_DN, "-w", BIND_PASSWORD,
				"-b", SUFFIX, "-s", "base", "(objectClass=*)", "1.1")
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.start();
		return probe.waitFor() == 0;
	}

	/**
	 * The baseline: ldapsearch with the paged results control (1,000 a page, as the
	 * server's sync reads), the same filter and attributes, output to a file. Returns the
	 * number of entries read.
	 */
	long search(Path output) throws IOException, InterruptedException {
		run(List.of("ldapsearch", "-x", "-LLL", "-H", this.url, "-D", BIND_DN, "-w", BIND_PASSWORD, "-b", PEOPLE,
				"-E", "pr=1000/noprompt", FILTER, "uid", "cn", "mail"), output);
		try (var lines = Files.lines(output, StandardCharsets.UTF_8)) {
			return lines.filter((line) -> line.startsWith("dn: ")).count();
		}
	}

	/** inetOrgPerson entries with uid, cn, displayName and mail. */
	private static Path writeLdif(Path file, int entries) throws IOException {
		try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
			out.write("dn: " + SUFFIX + "\nobjectClass: dcObject\nobjectClass: organization\ndc: bench\no: Bench\n\n");
			out.write("dn: " + PEOPLE + "\nobjectClass: organizationalUnit\nou: people\n\n");
			out.write("dn: " + BIND_DN + "\nobjectClass: person\nobjectClass: simpleSecurityObject\ncn: sync\nsn: sync\n"
					+ "userPassword: " + BIND_PASSWORD + "\n\n");
			for (int i = 0; i < entries; i++) {
				String uid = CsvFile.username("ldap", i);
				out.write("dn: uid=" + uid + "," + PEOPLE + "\nobjectClass: inetOrgPerson\nuid: " + uid + "\ncn: User "
						+ i + " LDAP\nsn: LDAP\ndisplayName: User " + i + " LDAP\nmail: " + uid + "@example.org\n\n");
			}
		}
		return file;
	}

	private static void run(List<String> command, Path output) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
		int exit = process.waitFor();
		if (exit != 0) {
			throw new IOException(command.get(0) + " exited with " + exit + ": " + tail(output));
		}
	}

	private static String tail(Path file) throws IOException {
		String text = Files.readString(file);
		return text.substring(Math.max(0, text.length() - 2000));
	}

}
