package dev.pinwarden.web;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import dev.pinwarden.support.ApiIntegrationTest;
import dev.pinwarden.support.OnH2;
import dev.pinwarden.support.TestApi;
import dev.pinwarden.support.TestApi.Response;
import dev.pinwarden.support.TestSmtpServer;

import static dev.pinwarden.support.UserMother.aUser;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile and broken input: each gets a clean 4xx problem detail, nothing is
 * half-written, and the server stays up.
 */
@OnH2
class HostileInputTests extends ApiIntegrationTest {

	@Test
	void injectionStringsAreStoredAndFoundLiterally() {
		String name = "x'); drop table app_user; --";
		Response created = this.api.post("/api/v1/users",
				"{\"username\":\"robert\",\"fullName\":\"" + name + "\",\"email\":\"r@example.org\"}");
		assertThat(created.status()).isEqualTo(201);
		assertThat(this.api.get("/api/v1/users?q=" + java.net.URLEncoder.encode("drop table", StandardCharsets.UTF_8))
			.json()
			.path("items")
			.get(0)
			.path("fullName")
			.asString()).isEqualTo(name);
		Response template = this.api.post("/api/v1/users",
				"{\"username\":\"mustache\",\"fullName\":\"{{pin}} ${7*7} <script>\",\"email\":\"m@example.org\"}");
		assertThat(template.status()).isEqualTo(201);
		String body = TestSmtpServer.body(this.smtp.receivedBy("m@example.org").isEmpty() ? this.smtp.awaitMessages(2)
			.stream()
			.filter((m) -> TestSmtpServer.recipient(m).equals("m@example.org"))
			.findFirst()
			.orElseThrow() : this.smtp.receivedBy("m@example.org").get(0));
		// values are inserted as text, never evaluated as template code
		assertThat(body).contains("Hello {{pin}} ${7*7} <script>,");
	}

	@Test
	void oversizedBodiesAndFieldsAreRefusedCleanly() {
		Response huge = this.api.post("/api/v1/users", "{\"username\":\"" + "u".repeat(2_000_000) + "\"}");
		assertThat(huge.status()).isEqualTo(400);
		assertThat(huge.text()).doesNotContain("Exception");
		Response longPin = this.api.post("/api/v1/users", aUser().named("long").withPin("1".repeat(10_000)).json());
		assertThat(longPin.code()).isEqualTo("pin_too_long");
		assertThat(this.api.get("/api/v1/users").json().path("total").asInt()).isZero();
	}

	@Test
	void wrongShapesAndIdsAnswerProblemDetails() {
		for (String body : List.of("[]", "\"text\"", "42", "null", "{\"username\":{\"nested\":true}}", "{,}",
				"\u0000")) {
			Response answer = this.api.post("/api/v1/users", body);
			assertThat(answer.status()).as(body).isEqualTo(400);
			assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
		}
		assertThat(this.api.get("/api/v1/users/1e3").code()).isEqualTo("invalid_parameter");
		assertThat(this.api.get("/api/v1/users/99999999999999999999").status()).isEqualTo(400);
		assertThat(this.api.delete("/api/v1/users/-1").status()).isEqualTo(404);
		assertThat(this.api.put("/api/v1/settings/pin", "{\"minimalPinLength\":4.5}").status()).isEqualTo(400);
		assertThat(this.api.put("/api/v1/settings/pin", "{\"usersCanChangePin\":\"maybe\"}").status()).isEqualTo(400);
	}

	@Test
	void aSpoofedHostHeaderDoesNotChangeTheLinksInMails() throws Exception {
		this.api.post("/api/v1/users", aUser().named("vic").json());
		this.smtp.awaitPinMailedTo("vic@example.org");
		String request = "POST /api/v1/pin-reset/request HTTP/1.1\r\nHost: evil.example\r\n"
				+ "Content-Type: application/json\r\nContent-Length: 15\r\nConnection: close\r\n\r\n{\"login\":\"vic\"}";
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			OutputStream out = socket.getOutputStream();
			out.write(request.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			String status = new BufferedReader(
					new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
				.readLine();
			assertThat(status).contains("202");
		}
		this.smtp.awaitResetCodeMailedTo("vic@example.org");
		String mail = TestSmtpServer.body(this.smtp.receivedBy("vic@example.org").get(1));
		assertThat(mail).contains("https://print.example.org/forgot-pin").doesNotContain("evil.example");
	}

	@Test
	void randomInputAtThePublicEndpointsNeverBreaksTheServer() {
		Random random = new Random(20261126);
		TestApi anonymous = TestApi.anonymous(this.port);
		TestApi terminal = newTerminal();
		String[] paths = { "/api/v1/terminal/authenticate", "/api/v1/pin-reset/request", "/api/v1/pin-reset/confirm" };
		for (int i = 0; i < 150; i++) {
			String body = randomBody(random);
			String path = paths[i % paths.length];
			Response answer = (i % 2 == 0 ? terminal : anonymous).post(path, body);
			assertThat(answer.status()).as(path + " " + body).isLessThan(500);
		}
		assertThat(anonymous.get("/actuator/health").json().path("status").asString()).isEqualTo("UP");
		assertThat(this.jdbc.sql("select count(*) from app_user").query(Long.class).single()).isZero();
	}

	private static String randomBody(Random random) {
		return switch (random.nextInt(5)) {
			case 0 -> "{\"pin\":\"" + random.nextInt(100_000) + "\"}";
			case 1 -> "{\"login\":\"" + randomText(random, random.nextInt(300)) + "\",\"code\":\""
					+ randomText(random, random.nextInt(40)) + "\"}";
			case 2 -> randomText(random, random.nextInt(200));
			case 3 -> "{\"pin\":" + random.nextLong() + ",\"extra\":[1,2,{}]}";
			default -> "{\"pin\":\"" + "\\u0000".repeat(random.nextInt(5)) + "١٢٣٤\"}";
		};
	}

	private static String randomText(Random random, int length) {
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < length; i++) {
			char c = (char) (random.nextInt(0x2FF) + 1);
			text.append((c == '"' || c == '\\') ? 'x' : c);
		}
		return text.toString();
	}

}
