package dev.pinwarden;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.pinwarden.support.Database;
import dev.pinwarden.support.InJvmServer;
import dev.pinwarden.support.PinText;
import dev.pinwarden.support.TestApi;
import dev.pinwarden.support.TestSmtpServer;

import static dev.pinwarden.support.UserMother.aUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Whole server starts and restarts on one data directory and database: PINs survive, the
 * key is never made up when PINs exist, the admin password is printed once, and no PIN is
 * left in clear in the data directory or the log.
 */
@ExtendWith(OutputCaptureExtension.class)
abstract class RestartTests {

	private final Map<String, Object> instance;

	RestartTests(Database database) {
		this.instance = new HashMap<>(database.freshInstanceProperties("restart_" + System.nanoTime()));
	}

	@Test
	void pinsAndTerminalTokensSurviveARestart() {
		String pin;
		String token;
		try (ConfigurableApplicationContext server = start(Map.of())) {
			TestApi api = TestApi.asAdmin(port(server));
			pin = api.post("/api/v1/users", aUser().named("uma").json()).json().path("pin").asString();
			token = api.post("/api/v1/terminals", "{\"name\":\"T\"}").json().path("token").asString();
		}
		try (ConfigurableApplicationContext server = start(Map.of())) {
			TestApi terminal = TestApi.anonymous(port(server)).withBearer(token);
			assertThat(terminal.authenticate(pin).json().path("username").asString()).isEqualTo("uma");
		}
	}

	@Test
	void mailQueuedBeforeARestartGoesOutAfterIt() {
		String pin;
		try (ConfigurableApplicationContext server = start(Map.of())) {
			// no SMTP server configured: the mail waits in the outbox
			pin = TestApi.asAdmin(port(server))
				.post("/api/v1/users", aUser().named("yuri").json())
				.json()
				.path("pin")
				.asString();
		}
		TestSmtpServer smtp = TestSmtpServer.start();
		try (ConfigurableApplicationContext server = start(smtp.properties())) {
			assertThat(smtp.awaitPinMailedTo("yuri@example.org")).isEqualTo(pin);
		}
		finally {
			smtp.stop();
		}
	}

	@Test
	void theFirstStartCreatesAKeyFileOnlyItsOwnerCanRead() throws IOException {
		try (ConfigurableApplicationContext server = start(Map.of())) {
			Path keyFile = dataDir().resolve("pin.key");
			assertThat(keyFile).exists();
			assertThat(Base64.getDecoder().decode(Files.readString(keyFile).strip())).hasSize(32);
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
		}
	}

	@Test
	void refusesToStartWhenTheKeyFileIsLostAndPinsExist(CapturedOutput output) throws IOException {
		try (ConfigurableApplicationContext server = start(Map.of())) {
			TestApi.asAdmin(port(server)).post("/api/v1/users", aUser().named("vera").json());
		}
		Files.delete(dataDir().resolve("pin.key"));

		assertThatThrownBy(() -> start(Map.of())).isInstanceOf(Exception.class);
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("The PIN key file " + dataDir().resolve("pin.key") + " is missing, but PINs exist")
			.contains("Restore the key file from your backup");
		assertThat(dataDir().resolve("pin.key")).doesNotExist();
	}

	@Test
	void refusesToStartWithAnotherKeyThanThePinsWereHashedWith(CapturedOutput output) {
		try (ConfigurableApplicationContext server = start(Map.of())) {
			TestApi.asAdmin(port(server)).post("/api/v1/users", aUser().named("walt").json());
		}
		String otherKey = Base64.getEncoder().encodeToString(new byte[32]);

		assertThatThrownBy(() -> start(Map.of("pinwarden.pin.key", otherKey))).isInstanceOf(Exception.class);
		assertThat(output).contains("PINs and secrets were made with PIN key");
		assertThatThrownBy(() -> start(Map.of("pinwarden.pin.key", "c2hvcnQ="))).isInstanceOf(Exception.class);
		assertThat(output).contains("has 5 bytes; at least 32 are needed");
	}

	@Test
	void aSecondNodeWithoutTheFirstNodesKeyRefusesToStart(CapturedOutput output) throws IOException {
		// nodes share a database only on PostgreSQL; H2 lives in the data directory
		Assumptions.assumeTrue(this.instance.containsKey("spring.datasource.url"));
		try (ConfigurableApplicationContext first = start(Map.of())) {
			// no PIN yet: the database still knows which key its node chose
			assertThat(TestApi.asAdmin(port(first)).get("/api/v1/settings/pin").status()).isEqualTo(200);
		}
		// the second node has a data directory of its own, without the key file
		Path otherDataDir = Files.createTempDirectory("pinwarden-second-node-");
		assertThatThrownBy(() -> start(Map.of("pinwarden.data-dir", otherDataDir.toString())))
			.isInstanceOf(Exception.class);
		assertThat(output).contains("is missing, but PINs exist").contains("copy the first node's key");
		assertThat(otherDataDir.resolve("pin.key")).doesNotExist();
	}

	@Test
	void aRotatedKeyKeepsOldPinsWorkingUntilTheyAreRegenerated() {
		String oldKey = Base64.getEncoder()
			.encodeToString("old-key-old-key-old-key-old-key!".getBytes(StandardCharsets.US_ASCII));
		String newKey = Base64.getEncoder()
			.encodeToString("new-key-new-key-new-key-new-key!".getBytes(StandardCharsets.US_ASCII));
		String pin;
		try (ConfigurableApplicationContext server = start(Map.of("pinwarden.pin.key", oldKey))) {
			pin = TestApi.asAdmin(port(server))
				.post("/api/v1/users", aUser().named("wim").json())
				.json()
				.path("pin")
				.asString();
		}
		try (ConfigurableApplicationContext server = start(
				Map.of("pinwarden.pin.key", newKey, "pinwarden.pin.previous-keys", oldKey))) {
			TestApi api = TestApi.asAdmin(port(server));
			TestApi terminal = TestApi.anonymous(port(server))
				.withBearer(api.post("/api/v1/terminals", "{\"name\":\"T\"}").json().path("token").asString());
			assertThat(terminal.authenticate(pin).status()).isEqualTo(200);
			String second = api.post("/api/v1/users", aUser().named("xia").json()).json().path("pin").asString();
			assertThat(terminal.authenticate(second).status()).isEqualTo(200);
			JdbcClient jdbc = server.getBean(JdbcClient.class);
			assertThat(jdbc.sql("select count(distinct key_id) from pin").query(Long.class).single()).isEqualTo(2);

			api.post("/api/v1/pins/regenerate", "{}");
			assertThat(jdbc.sql("select count(distinct key_id) from pin").query(Long.class).single()).isEqualTo(1);
		}
		// once regenerated, the old key is no longer needed for PINs
		try (ConfigurableApplicationContext server = start(
				Map.of("pinwarden.pin.key", newKey, "pinwarden.pin.previous-keys", oldKey))) {
			assertThat(server.getBean(JdbcClient.class).sql("select key_id from pin").query(String.class).list())
				.hasSize(2);
		}
	}

	@Test
	void aCardUnderARotatedKeyMovesToTheCurrentKeyAtItsNextUse(CapturedOutput output) {
		String oldKey = Base64.getEncoder()
			.encodeToString("card-key-card-key-card-key-card!".getBytes(StandardCharsets.US_ASCII));
		String newKey = Base64.getEncoder()
			.encodeToString("next-key-next-key-next-key-next!".getBytes(StandardCharsets.US_ASCII));
		String oldKeyId;
		try (ConfigurableApplicationContext server = start(Map.of("pinwarden.pin.key", oldKey))) {
			TestApi api = TestApi.asAdmin(port(server));
			long id = api.post("/api/v1/users", aUser().named("cleo").withoutEmail().json()).json().path("id").asLong();
			// only the card is kept under the old key
			api.delete("/api/v1/users/" + id + "/pin");
			assertThat(api.post("/api/v1/users/" + id + "/cards", "{\"number\":\"04A22B7C\"}").status()).isEqualTo(201);
			oldKeyId = api.get("/api/v1/keys").json().get(0).path("keyId").asString();
		}
		try (ConfigurableApplicationContext server = start(
				Map.of("pinwarden.pin.key", newKey, "pinwarden.pin.previous-keys", oldKey))) {
			// the new key is now the one the database was last started with
		}
		// the card still needs the old key: a start without it is refused
		assertThatThrownBy(() -> start(Map.of("pinwarden.pin.key", newKey))).isInstanceOf(Exception.class);
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("PINs and secrets were made with PIN key '" + oldKeyId + "'");
		try (ConfigurableApplicationContext server = start(
				Map.of("pinwarden.pin.key", newKey, "pinwarden.pin.previous-keys", oldKey))) {
			TestApi api = TestApi.asAdmin(port(server));
			assertThat(key(api, oldKeyId).path("cards").asLong()).isEqualTo(1);
			assertThat(key(api, oldKeyId).path("retirable").asBoolean()).isFalse();
			TestApi terminal = TestApi.anonymous(port(server))
				.withBearer(api.post("/api/v1/terminals", "{\"name\":\"T\"}").json().path("token").asString());
			assertThat(terminal.tap("04:a2:2b:7c").json().path("username").asString()).isEqualTo("cleo");
			assertThat(key(api, oldKeyId).path("cards").asLong()).isZero();
			assertThat(key(api, oldKeyId).path("retirable").asBoolean()).isTrue();
		}
		try (ConfigurableApplicationContext server = start(Map.of("pinwarden.pin.key", newKey))) {
			TestApi api = TestApi.asAdmin(port(server));
			TestApi terminal = TestApi.anonymous(port(server))
				.withBearer(api.post("/api/v1/terminals", "{\"name\":\"T\"}").json().path("token").asString());
			assertThat(terminal.tap("04A22B7C").json().path("username").asString()).isEqualTo("cleo");
		}
	}

	@Test
	void theReadmesRotationRetiresTheOldKeyAndAStartWithTheNewOneAloneSucceeds() {
		String oldKey = Base64.getEncoder()
			.encodeToString("retired-key-retired-key-retired!".getBytes(StandardCharsets.US_ASCII));
		String newKey = Base64.getEncoder()
			.encodeToString("current-key-current-key-current!".getBytes(StandardCharsets.US_ASCII));
		String oldKeyId;
		// 1. PINs, queued mail and the LDAP password under the old key (no SMTP server
		// yet)
		try (ConfigurableApplicationContext server = start(Map.of("pinwarden.pin.key", oldKey))) {
			TestApi api = TestApi.asAdmin(port(server));
			api.post("/api/v1/users", aUser().named("rosa").json());
			assertThat(api
				.put("/api/v1/sync/ldap",
						"{\"url\":\"ldap://127.0.0.1:1\",\"bindDn\":\"cn=sync,dc=example,dc=org\","
								+ "\"bindPassword\":\"bind-secret\",\"baseDn\":\"dc=example,dc=org\"}")
				.status()).isEqualTo(200);
			oldKeyId = api.get("/api/v1/keys").json().get(0).path("keyId").asString();
		}
		// 2. rotate: the new key, the old one as previous; regenerate, then seal again
		try (ConfigurableApplicationContext server = start(
				Map.of("pinwarden.pin.key", newKey, "pinwarden.pin.previous-keys", oldKey))) {
			TestApi api = TestApi.asAdmin(port(server));
			tools.jackson.databind.JsonNode old = key(api, oldKeyId);
			assertThat(old.path("current").asBoolean()).isFalse();
			assertThat(old.path("pins").asLong()).isEqualTo(1);
			assertThat(old.path("queuedMails").asLong()).isEqualTo(1);
			assertThat(old.path("ldapPassword").asLong()).isEqualTo(1);
			assertThat(old.path("retirable").asBoolean()).isFalse();

			assertThat(api.post("/api/v1/pins/regenerate", "{}").status()).isEqualTo(200);
			assertThat(key(api, oldKeyId).path("pins").asLong()).isZero();
			assertThat(api.post("/api/v1/keys/reseal", "{}").json().path("resealed").asInt()).isEqualTo(2);
			old = key(api, oldKeyId);
			assertThat(old.path("queuedMails").asLong()).isZero();
			assertThat(old.path("ldapPassword").asLong()).isZero();
			assertThat(old.path("retirable").asBoolean()).isTrue();
		}
		// 3. the old key dropped: the server starts, the mail goes out and its PIN opens
		// the terminal, and the LDAP password still opens
		TestSmtpServer smtp = TestSmtpServer.start();
		Map<String, Object> withMail = new HashMap<>(smtp.properties());
		withMail.put("pinwarden.pin.key", newKey);
		try (ConfigurableApplicationContext server = start(withMail)) {
			TestApi api = TestApi.asAdmin(port(server));
			Awaitility.await()
				.atMost(Duration.ofSeconds(30))
				.until(() -> smtp.receivedBy("rosa@example.org").size() >= 1);
			String pin = TestSmtpServer.pinIn(smtp.receivedBy("rosa@example.org").get(0));
			TestApi terminal = TestApi.anonymous(port(server))
				.withBearer(api.post("/api/v1/terminals", "{\"name\":\"T\"}").json().path("token").asString());
			assertThat(terminal.authenticate(pin).json().path("username").asString()).isEqualTo("rosa");
			assertThat(api.post("/api/v1/sync/ldap/test", "{}").code()).isEqualTo("ldap_unavailable");
		}
		finally {
			smtp.stop();
		}
	}

	@Test
	void aKeyGivenInTheEnvironmentIsUsedInsteadOfAFile() {
		String key = Base64.getEncoder()
			.encodeToString("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
		String pin;
		try (ConfigurableApplicationContext server = start(Map.of("pinwarden.pin.key", key))) {
			pin = TestApi.asAdmin(port(server))
				.post("/api/v1/users", aUser().named("xena").json())
				.json()
				.path("pin")
				.asString();
		}
		assertThat(dataDir().resolve("pin.key")).doesNotExist();
		try (ConfigurableApplicationContext server = start(Map.of("pinwarden.pin.key", key))) {
			TestApi api = TestApi.asAdmin(port(server));
			String token = api.post("/api/v1/terminals", "{\"name\":\"T\"}").json().path("token").asString();
			assertThat(TestApi.anonymous(port(server)).withBearer(token).authenticate(pin).status()).isEqualTo(200);
		}
	}

	@Test
	void aGeneratedAdminPasswordIsPrintedOnceAndWorks(CapturedOutput output) {
		this.instance.put("pinwarden.auth.admin-password", "");
		String password;
		try (ConfigurableApplicationContext server = start(Map.of())) {
			Matcher printed = Pattern.compile("shown only this once: (\\S+)").matcher(output.getAll());
			assertThat(printed.find()).isTrue();
			password = printed.group(1);
			TestApi admin = TestApi.anonymous(port(server)).withBasic("admin", password);
			assertThat(admin.get("/api/v1/settings/pin").status()).isEqualTo(200);
		}
		try (ConfigurableApplicationContext server = start(Map.of())) {
			assertThat(output.getAll().split("shown only this once", -1)).hasSize(2);
			TestApi admin = TestApi.anonymous(port(server)).withBasic("admin", password);
			assertThat(admin.get("/api/v1/settings/pin").status()).isEqualTo(200);
		}
	}

	@Test
	void noPinCardNorMailIsLeftInClearInTheDataDirectoryOrTheLog(CapturedOutput output) throws IOException {
		List<String> pins = new ArrayList<>();
		// sixteen hex digits, as a reader sends a UID: none turns up by accident
		List<String> cards = List.of("7F3A9C21D4E8B605", "5B2E8D14A6F09C37", "C1D9E27B4A8F3065", "9E4B7A2C0D5F1836",
				"2D6F8A1C9B3E7450");
		TestSmtpServer smtp = TestSmtpServer.start();
		try (ConfigurableApplicationContext server = start(smtp.properties())) {
			TestApi api = TestApi.asAdmin(port(server));
			// ten digits: no chance that one turns up in the files by accident
			api.put("/api/v1/settings/pin", "{\"minimalPinLength\":10}");
			for (int i = 0; i < 20; i++) {
				pins.add(api.post("/api/v1/users", aUser().named("user" + i).json()).json().path("pin").asString());
			}
			api.put("/api/v1/users/1/pin", "{\"pin\":\"4815162342\"}");
			pins.add("4815162342");
			pins.add(api.post("/api/v1/users/2/pin", "{}").json().path("pin").asString());
			api.post("/api/v1/pins/regenerate", "{}");
			// cards added by hand, by a sync, registered at a terminal, tapped and
			// unknown
			api.post("/api/v1/users/3/cards", "{\"number\":\"" + cards.get(0) + "\"}");
			api.send("POST", "/api/v1/sync/csv",
					"username,email,cards\nsynced,synced@example.org,\"" + cards.get(1) + "," + cards.get(2) + "\"\n",
					"text/csv");
			api.put("/api/v1/settings/terminals", "{\"cardSelfRegistration\":\"pin\"}");
			TestApi terminal = TestApi.anonymous(port(server))
				.withBearer(api.post("/api/v1/terminals", "{\"name\":\"Hall\"}").json().path("token").asString());
			String pinOfUser4 = "4815162343";
			api.put("/api/v1/users/4/pin", "{\"pin\":\"" + pinOfUser4 + "\"}");
			pins.add(pinOfUser4);
			assertThat(terminal
				.post("/api/v1/terminal/register-card",
						"{\"card\":\"" + cards.get(3) + "\",\"pin\":\"" + pinOfUser4 + "\"}")
				.status()).isEqualTo(201);
			assertThat(terminal.tap(cards.get(0)).status()).isEqualTo(200);
			assertThat(terminal.tap(cards.get(1)).status()).isEqualTo(200);
			assertThat(terminal.tap(cards.get(4)).code()).isEqualTo("card_unknown");
			// every mail goes out (or is superseded by a newer PIN's), and its content is
			// erased
			JdbcClient jdbc = server.getBean(JdbcClient.class);
			Awaitility.await()
				.atMost(Duration.ofSeconds(30))
				.until(() -> jdbc.sql("select count(*) from mail_outbox where status = 'queued'")
					.query(Long.class)
					.single() == 0);
			assertThat(
					jdbc.sql("select count(*) from mail_outbox where content is not null").query(Long.class).single())
				.isZero();
			assertThat(smtp.received()).hasSizeGreaterThanOrEqualTo(20);
		}
		finally {
			smtp.stop();
		}
		assertThat(pins).allSatisfy((pin) -> assertThat(pin).hasSize(10));
		List<byte[]> files = new ArrayList<>();
		try (Stream<Path> walk = Files.walk(dataDir())) {
			for (Path file : walk.filter(Files::isRegularFile).toList()) {
				files.add(Files.readAllBytes(file));
			}
		}
		assertThat(files).isNotEmpty();
		for (String pin : pins) {
			for (byte[] content : files) {
				assertThat(contains(content, pin.getBytes(StandardCharsets.US_ASCII))).as("PIN in a data file")
					.isFalse();
				assertThat(contains(content, pin.getBytes(StandardCharsets.UTF_16BE))).as("PIN in a data file")
					.isFalse();
			}
			assertThat(output.getAll()).doesNotContainPattern(PinText.asWholeNumber(pin));
		}
		for (String card : cards) {
			for (byte[] content : files) {
				assertThat(contains(content, card.getBytes(StandardCharsets.US_ASCII))).as("card number in a data file")
					.isFalse();
				assertThat(contains(content, card.getBytes(StandardCharsets.UTF_16BE))).as("card number in a data file")
					.isFalse();
			}
			assertThat(output.getAll()).doesNotContain(card).doesNotContain(card.toLowerCase(java.util.Locale.ROOT));
		}
		for (byte[] content : files) {
			assertThat(contains(content, "Keep the PIN to yourself".getBytes(StandardCharsets.UTF_8))).as("mail body")
				.isFalse();
		}
	}

	private static tools.jackson.databind.JsonNode key(TestApi api, String keyId) {
		for (tools.jackson.databind.JsonNode key : api.get("/api/v1/keys").json()) {
			if (key.path("keyId").asString().equals(keyId)) {
				return key;
			}
		}
		throw new AssertionError("no key " + keyId);
	}

	private ConfigurableApplicationContext start(Map<String, Object> extra) {
		Map<String, Object> properties = new HashMap<>();
		properties.put("pinwarden.auth.admin-password", TestApi.ADMIN_PASSWORD);
		properties.putAll(this.instance);
		properties.putAll(extra);
		return InJvmServer.start(properties);
	}

	private Path dataDir() {
		return Path.of((String) this.instance.get("pinwarden.data-dir"));
	}

	private static int port(ConfigurableApplicationContext server) {
		return InJvmServer.port(server);
	}

	private static boolean contains(byte[] haystack, byte[] needle) {
		outer: for (int i = 0; i <= haystack.length - needle.length; i++) {
			for (int j = 0; j < needle.length; j++) {
				if (haystack[i + j] != needle[j]) {
					continue outer;
				}
			}
			return true;
		}
		return false;
	}

}
