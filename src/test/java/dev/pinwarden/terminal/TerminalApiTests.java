package dev.pinwarden.terminal;

import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.pinwarden.support.ApiIntegrationTest;
import dev.pinwarden.support.TestApi;
import dev.pinwarden.support.TestApi.Response;

import static dev.pinwarden.support.UserMother.aUser;
import static org.assertj.core.api.Assertions.assertThat;

/** Terminals, their tokens, and who may call what. */
abstract class TerminalApiTests extends ApiIntegrationTest {

	@Test
	void registeringATerminalShowsItsTokenOnceAndStoresOnlyItsHash() {
		Response registered = this.api.post("/api/v1/terminals", "{\"name\":\"Floor 2\"}");
		assertThat(registered.status()).isEqualTo(201);
		String token = registered.json().path("token").asString();
		assertThat(token).startsWith("pwt_").hasSizeGreaterThan(40);

		Response listed = this.api.get("/api/v1/terminals");
		assertThat(listed.json()).hasSize(1);
		assertThat(listed.json().get(0).path("name").asString()).isEqualTo("Floor 2");
		assertThat(listed.text()).doesNotContain(token);

		List<byte[]> stored = this.jdbc.sql("select token_hash from terminal").query(byte[].class).list();
		assertThat(stored).hasSize(1);
		assertThat(new String(stored.get(0), java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain(token);
		assertThat(HexFormat.of().formatHex(stored.get(0))).doesNotContain(token);
	}

	@Test
	void aTerminalWithoutAValidTokenLearnsNothing() {
		String pin = this.api.post("/api/v1/users", aUser().named("olga").json()).json().path("pin").asString();
		TestApi anonymous = TestApi.anonymous(this.port);

		for (TestApi caller : List.of(anonymous, anonymous.withBearer("pwt_made-up"), anonymous.withBearer(""),
				anonymous.withBasic("admin", TestApi.ADMIN_PASSWORD))) {
			Response refused = caller.authenticate(pin);
			assertThat(refused.status()).isEqualTo(401);
			assertThat(refused.code()).isEqualTo("invalid_token");
			assertThat(refused.text()).doesNotContain("olga");
		}
	}

	@Test
	void aRevokedTerminalIsRefused() {
		String pin = this.api.post("/api/v1/users", aUser().named("paul").json()).json().path("pin").asString();
		Response registered = this.api.post("/api/v1/terminals", "{\"name\":\"Old printer\"}");
		TestApi terminal = TestApi.anonymous(this.port).withBearer(registered.json().path("token").asString());
		assertThat(terminal.authenticate(pin).status()).isEqualTo(200);

		// the times shown are the server's clock's, as every rule's are
		this.clock.advance(Duration.ofDays(3));
		assertThat(this.api.delete("/api/v1/terminals/" + registered.json().path("id").asLong()).status())
			.isEqualTo(204);
		assertThat(terminal.authenticate(pin).code()).isEqualTo("invalid_token");
		JsonNode listed = this.api.get("/api/v1/terminals").json().get(0);
		Instant created = Instant.parse(listed.path("createdAt").asString());
		Instant revoked = Instant.parse(listed.path("revokedAt").asString());
		assertThat(Duration.between(created, revoked)).isBetween(Duration.ofDays(3), Duration.ofDays(3).plusMinutes(1));
		assertThat(this.api.delete("/api/v1/terminals/424242").code()).isEqualTo("terminal_not_found");
	}

	@Test
	void theBearerSchemeIsCaseInsensitive() {
		String pin = this.api.post("/api/v1/users", aUser().named("rob").json()).json().path("pin").asString();
		String token = this.api.post("/api/v1/terminals", "{\"name\":\"T\"}").json().path("token").asString();
		Response ok = this.api.send("POST", "/api/v1/terminal/authenticate", "{\"pin\":\"" + pin + "\"}",
				"application/json");
		assertThat(ok.status()).isEqualTo(401);
		TestApi lowerCase = TestApi.anonymous(this.port).withAuthorization("bearer " + token);
		assertThat(lowerCase.authenticate(pin).status()).isEqualTo(200);
	}

	@Test
	void whateverElseATerminalSendsWithThePinIsIgnored() {
		String pin = this.api.post("/api/v1/users", aUser().named("rosa").json()).json().path("pin").asString();
		Response ok = newTerminal().send("POST", "/api/v1/terminal/authenticate",
				"{\"pin\":\"" + pin + "\",\"deviceId\":\"MFP-3\",\"firmware\":{\"version\":\"2.1\"}}",
				"application/json");
		assertThat(ok.status()).isEqualTo(200);
		assertThat(ok.json().path("username").asString()).isEqualTo("rosa");
	}

	@Test
	void theAnswerNamingAUserIsNotCachedNorSniffed() {
		String pin = this.api.post("/api/v1/users", aUser().named("ruth").json()).json().path("pin").asString();
		Response ok = newTerminal().authenticate(pin);
		assertThat(ok.status()).isEqualTo(200);
		assertThat(ok.header("Cache-Control")).contains("no-store");
		assertThat(ok.header("X-Content-Type-Options")).isEqualTo("nosniff");
		assertThat(ok.header("Set-Cookie")).isNull();
	}

	@Test
	void wrongOrMalformedPinsAreInvalid() {
		// more wrong PINs than the default budget: this test is about the answers, not
		// throttling
		this.api.put("/api/v1/settings/security",
				"{\"terminalFailureBudget\":100,\"terminalFailureWindowMinutes\":15}");
		this.api.post("/api/v1/users", aUser().named("quinn").withPin("48213").json());
		TestApi terminal = newTerminal();
		for (String pin : new String[] { "48214", "4821", "482130", "", "４８２１３", "48213 ", "' or 1=1 --",
				"12345678901234567890" }) {
			Response refused = terminal.post("/api/v1/terminal/authenticate", "{\"pin\":"
					+ tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(pin) + "}");
			assertThat(refused.status()).as(pin).isEqualTo(401);
			assertThat(refused.code()).isEqualTo("invalid_pin");
		}
		// neither a PIN nor a card: not what the terminal's login mode takes
		assertThat(terminal.post("/api/v1/terminal/authenticate", "{}").code()).isEqualTo("login_mode");
		assertThat(terminal.post("/api/v1/terminal/authenticate", "not json").code()).isEqualTo("malformed_json");
		Response wrongType = terminal.post("/api/v1/terminal/authenticate", "{\"pin\":{\"digits\":48213}}");
		assertThat(wrongType.status()).isEqualTo(400);
		assertThat(wrongType.code()).isEqualTo("wrong_type");
		assertThat(wrongType.json().path("field").asString()).isEqualTo("pin");
		assertThat(terminal.post("/api/v1/terminal/authenticate", "").code()).isEqualTo("unreadable_body");
		Response notJsonType = terminal.send("POST", "/api/v1/terminal/authenticate", "{\"pin\":\"48213\"}",
				"text/plain");
		assertThat(notJsonType.status()).isEqualTo(415);
		assertThat(notJsonType.code()).isEqualTo("unsupported_media_type");
		assertThat(terminal
			.send("POST", "/api/v1/terminal/authenticate", "{\"pin\":\"48213\"}", "application/json; charset=UTF-8")
			.status()).isEqualTo(200);
		JsonNode ok = terminal.authenticate("48213").json();
		assertThat(ok.path("username").asString()).isEqualTo("quinn");
		assertThat(ok.has("userId")).isTrue();
	}

	@Test
	void theAdminApiNeedsAnAdministrator() {
		TestApi anonymous = TestApi.anonymous(this.port);
		Response noCredentials = anonymous.get("/api/v1/users");
		assertThat(noCredentials.status()).isEqualTo(401);
		assertThat(noCredentials.code()).isEqualTo("unauthorized");
		assertThat(noCredentials.header("Content-Type")).startsWith("application/problem+json");

		assertThat(anonymous.withBasic("admin", "wrong").get("/api/v1/settings/pin").status()).isEqualTo(401);
		assertThat(anonymous.withBasic("nobody", "x").get("/api/v1/settings/pin").status()).isEqualTo(401);

		Response registered = this.api.post("/api/v1/terminals", "{\"name\":\"T\"}");
		Response terminalAsAdmin = anonymous.withBearer(registered.json().path("token").asString())
			.get("/api/v1/users");
		assertThat(terminalAsAdmin.status()).isEqualTo(401);

		assertThat(anonymous.get("/actuator/health").json().path("status").asString()).isEqualTo("UP");
		assertThat(anonymous.get("/actuator/health/liveness").status()).isEqualTo(200);
	}

	@Test
	void unknownPathsAndMethodsAnswerProblemDetails() {
		Response missing = this.api.get("/api/v1/nothing-here");
		assertThat(missing.status()).isEqualTo(404);
		assertThat(missing.code()).isEqualTo("not_found");
		Response method = this.api.send("PATCH", "/api/v1/terminals", "{}", "application/json");
		assertThat(method.status()).isEqualTo(405);
		assertThat(method.code()).isEqualTo("method_not_allowed");
		Response mediaType = this.api.send("POST", "/api/v1/users", "<username>x</username>", "application/xml");
		assertThat(mediaType.status()).isEqualTo(415);
	}

}
