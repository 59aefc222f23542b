package dev.pinwarden;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.pinwarden.support.Database;
import dev.pinwarden.support.DocText;
import dev.pinwarden.support.PinText;
import dev.pinwarden.support.ServerProcesses;
import dev.pinwarden.support.SharedPostgres;
import dev.pinwarden.support.TestApi;
import dev.pinwarden.support.TestSmtpServer;

import static dev.pinwarden.support.UserMother.aUser;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The jar the build made, started as a user starts it ({@code java -jar}), after
 * {@code package}. The jar runs on the bean definitions computed at build time (Spring
 * AOT), which the other tests, running from {@code target/classes}, do not use: this
 * shows that the server built that way works on both databases, from the first start to a
 * PIN mailed and accepted at a terminal. It is started both ways the README gives: the
 * jar as it is, and the extracted jar with its class data sharing archive.
 */
class PackagedJarIT {

	private final ServerProcesses servers = new ServerProcesses();

	private final List<TestSmtpServer> smtpServers = new ArrayList<>();

	@AfterEach
	void stop() throws InterruptedException {
		this.servers.close();
		this.smtpServers.forEach(TestSmtpServer::stop);
	}

	/** How the server is started: both ways the README gives. */
	enum Launch {

		/** {@code java -jar target/pinwarden.jar}. */
		JAR,
		/**
		 * The jar the build extracted, with the class data sharing archive of its
		 * training start; {@code -Xshare:on} makes the start fail if the archive cannot
		 * be used.
		 */
		EXTRACTED_WITH_CDS;

		List<String> arguments() {
			if (this == JAR) {
				return List.of("-jar", System.getProperty("pinwarden.jar"));
			}
			Path extracted = Path.of(System.getProperty("pinwarden.extracted"));
			return List.of("-Xshare:on", "-XX:SharedArchiveFile=" + extracted.resolve("pinwarden.jsa"), "-jar",
					extracted.resolve("pinwarden.jar").toString());
		}

	}

	static Stream<Arguments> launches() {
		return Stream.of(Database.values())
			.flatMap((database) -> Stream.of(Launch.values()).map((launch) -> Arguments.of(database, launch)));
	}

	@ParameterizedTest
	@MethodSource("launches")
	void theJarServesAPinFromItsCreationToTheTerminal(Database database, Launch launch) throws Exception {
		TestSmtpServer smtp = TestSmtpServer.start();
		this.smtpServers.add(smtp);
		Map<String, Object> properties = new HashMap<>(database.freshInstanceProperties("jar_" + System.nanoTime()));
		properties.putAll(smtp.properties());
		// the database and the key as the README's PostgreSQL section gives them: in the
		// environment
		Map<String, String> environment = new HashMap<>();
		environment.put("PINWARDEN_PIN_KEY", Base64.getEncoder().encodeToString(new SecureRandom().generateSeed(32)));
		environment.put("PINWARDEN_METRICS_TOKEN", TestApi.METRICS_TOKEN);
		moveToEnvironment(properties, "spring.datasource.url", "PINWARDEN_DB_URL", environment);
		moveToEnvironment(properties, "spring.datasource.username", "PINWARDEN_DB_USER", environment);
		moveToEnvironment(properties, "spring.datasource.password", "PINWARDEN_DB_PASSWORD", environment);
		ServerProcesses.Server server = this.servers.start(launch.arguments(), properties, environment);
		int port = server.port();
		TestApi admin = server.admin();
		assertThat(server.logText()).contains("Starting AOT-processed PinwardenApplication");

		String pin = admin.post("/api/v1/users", aUser().named("jara").json()).json().path("pin").asString();
		assertThat(smtp.awaitPinMailedTo("jara@example.org")).isEqualTo(pin);
		String token = admin.post("/api/v1/terminals", "{\"name\":\"Jar\"}").json().path("token").asString();
		TestApi terminal = TestApi.anonymous(port).withBearer(token);
		assertThat(terminal.authenticate(pin).json().path("username").asString()).isEqualTo("jara");
		assertThat(terminal.authenticate(wrong(pin)).status()).isEqualTo(401);

		assertThat(TestApi.anonymous(port).get("/login").text()).contains("<form");
		assertThat(TestApi.anonymous(port).get("/v3/api-docs").text()).contains("/api/v1/terminal/authenticate");
		assertThat(TestApi.anonymous(port).get("/actuator/prometheus").status()).isEqualTo(401);
		assertThat(admin.get("/actuator/prometheus").text()).contains("pinwarden_terminal_authentications");
		assertThat(TestApi.anonymous(port).withBearer(TestApi.METRICS_TOKEN).get("/actuator/prometheus").text())
			.contains("pinwarden_terminal_authentications");
		assertThat(server.logText()).doesNotContainPattern(PinText.asWholeNumber(pin))
			.doesNotContain(token)
			.doesNotContain(TestApi.METRICS_TOKEN);
	}

	/**
	 * The README's PostgreSQL start, run by bash as written, with only what differs from
	 * site to site put in: the database's host and port, and where the key file is. The
	 * role and password are the README's.
	 */
	@Test
	void theReadmesPostgresqlStartWorksAsWritten(@TempDir Path site) throws Exception {
		String block = DocText.shBlocks(DocText.section(DocText.read("README.md"), "### PostgreSQL")).get(0);
		String name = "readme_" + System.nanoTime();
		SharedPostgres.newDatabase(name);
		try (Connection connection = SharedPostgres.server().getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("do $$ begin if not exists (select from pg_roles where rolname = 'pinwarden') then "
					+ "create role pinwarden login password 'secret'; end if; end $$");
			statement.execute("alter database " + name + " owner to pinwarden");
		}
		Path keyFile = Files.writeString(site.resolve("pinwarden-pin-key"),
				Base64.getEncoder().encodeToString(new SecureRandom().generateSeed(32)));
		String url = "jdbc:postgresql://localhost:" + SharedPostgres.server().getPort() + "/" + name;
		String script = block.replace("jdbc:postgresql://localhost:5432/pinwarden", url)
			.replace("/run/secrets/pinwarden-pin-key", keyFile.toString());
		assertThat(script).contains(url).contains(keyFile.toString());

		// the README's jar path is the project's, from a folder of the site's own
		Files.createSymbolicLink(site.resolve("target"), Path.of("target").toAbsolutePath());
		ServerProcesses.Server server = this.servers.startScript(script, site);
		String pin = server.admin().post("/api/v1/users", aUser().named("pat").json()).json().path("pin").asString();
		String token = server.admin()
			.post("/api/v1/terminals", "{\"name\":\"Readme\"}")
			.json()
			.path("token")
			.asString();
		TestApi terminal = TestApi.anonymous(server.port()).withBearer(token);
		assertThat(terminal.authenticate(pin).json().path("username").asString()).isEqualTo("pat");
		try (Connection connection = DriverManager.getConnection(url, "pinwarden", "secret");
				Statement statement = connection.createStatement();
				ResultSet users = statement.executeQuery("select count(*) from app_user where username = 'pat'")) {
			assertThat(users.next()).isTrue();
			assertThat(users.getInt(1)).as("the user is in the README's database").isOne();
		}
	}

	private static void moveToEnvironment(Map<String, Object> properties, String property, String variable,
			Map<String, String> environment) {
		Object value = properties.remove(property);
		if (value != null) {
			environment.put(variable, value.toString());
		}
	}

	private static String wrong(String pin) {
		return pin.substring(0, pin.length() - 1) + (pin.charAt(pin.length() - 1) == '0' ? '1' : '0');
	}

}
