package dev.pinwarden;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.pinwarden.support.Database;
import dev.pinwarden.support.PinText;
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

	private final List<Process> servers = new ArrayList<>();

	private final List<TestSmtpServer> smtpServers = new ArrayList<>();

	@AfterEach
	void stop() throws InterruptedException {
		for (Process server : this.servers) {
			server.destroy();
			server.waitFor();
		}
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
		Path log = Files.createTempFile("pinwarden-jar-", ".log");
		int port = freePort();
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(launch.arguments());
		command.addAll(List.of("--server.port=" + port, "--pinwarden.auth.admin-password=" + TestApi.ADMIN_PASSWORD,
				"--pinwarden.auth.metrics-token=" + TestApi.METRICS_TOKEN));
		Map<String, Object> properties = new HashMap<>(database.freshInstanceProperties("jar_" + System.nanoTime()));
		properties.putAll(smtp.properties());
		properties.forEach((name, value) -> command.add("--" + name + "=" + value));
		Process server = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		this.servers.add(server);

		TestApi admin = TestApi.asAdmin(port);
		Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> {
			assertThat(server.isAlive()).as("the server is running; its log:%n%s", Files.readString(log)).isTrue();
			return healthy(admin);
		});
		assertThat(Files.readString(log)).contains("Starting AOT-processed PinwardenApplication");

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
		assertThat(Files.readString(log)).doesNotContainPattern(PinText.asWholeNumber(pin))
			.doesNotContain(token)
			.doesNotContain(TestApi.METRICS_TOKEN);
	}

	private static boolean healthy(TestApi api) {
		try {
			return api.get("/actuator/health").status() == 200;
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	private static String wrong(String pin) {
		return pin.substring(0, pin.length() - 1) + (pin.charAt(pin.length() - 1) == '0' ? '1' : '0');
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
