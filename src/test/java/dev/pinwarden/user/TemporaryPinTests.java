package dev.pinwarden.user;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import dev.pinwarden.pin.TemporaryPins;
import dev.pinwarden.support.ApiIntegrationTest;
import dev.pinwarden.support.Burst;
import dev.pinwarden.support.PinText;
import dev.pinwarden.support.TestApi;
import dev.pinwarden.support.TestApi.Response;
import dev.pinwarden.support.TestSmtpServer;

import static dev.pinwarden.support.UserMother.aUser;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Temporary PINs: mailed, opening terminals until the moment they expire, at most five,
 * never the number of another PIN, and gone with a regeneration or a departure.
 */
abstract class TemporaryPinTests extends ApiIntegrationTest {

	private static final DateTimeFormatter UTC_MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
		.withZone(ZoneOffset.UTC);

	@Autowired
	private TemporaryPins temporaryPinsService;

	@Test
	void aTemporaryPinIsMailedOpensTerminalsAndStopsAtTheMomentItExpires() {
		long ann = user("ann");
		String ownPin = this.smtp.awaitPinMailedTo("ann@example.org");
		this.smtp.purge();
		TestApi terminal = newTerminal();

		Instant before = this.clock.instant();
		Response created = this.api.post(temporaryPins(ann), "{\"validMinutes\":90}");
		assertThat(created.status()).isEqualTo(201);
		String pin = created.json().path("pin").asString();
		Instant expiresAt = Instant.parse(created.json().path("expiresAt").asString());
		assertThat(expiresAt).isBetween(before.plus(Duration.ofMinutes(90)).minusSeconds(1),
				this.clock.instant().plus(Duration.ofMinutes(90)));
		assertThat(created.header("Location")).endsWith(temporaryPins(ann) + "/" + created.json().path("id").asLong());
		assertThat(pin).matches("\\d{4,}").isNotEqualTo(ownPin);

		MimeMessage mail = this.smtp.awaitMessages(1).get(0);
		assertThat(TestSmtpServer.subject(mail)).isEqualTo("Your temporary printing PIN");
		assertThat(TestSmtpServer.pinIn(mail)).isEqualTo(pin);
		assertThat(TestSmtpServer.body(mail)).contains("until " + UTC_MINUTES.format(expiresAt));

		Response opened = terminal.authenticate(pin);
		assertThat(opened.status()).isEqualTo(200);
		assertThat(opened.json().path("userId").asLong()).isEqualTo(ann);
		assertThat(opened.json().path("credential").asString()).isEqualTo("temporary-pin");
		assertThat(terminal.authenticate(ownPin).json().path("credential").asString()).isEqualTo("pin");

		JsonNode listed = this.api.get(temporaryPins(ann)).json();
		assertThat(listed).hasSize(1);
		assertThat(listed.get(0).path("expiresAt").asString()).isEqualTo(created.json().path("expiresAt").asString());
		assertThat(listed.get(0).path("length").asInt()).isEqualTo(pin.length());
		assertThat(this.api.get(temporaryPins(ann)).text()).doesNotContain(pin);
		assertThat(this.api.get("/api/v1/users/" + ann).json().path("temporaryPins").asInt()).isEqualTo(1);
		assertThat(PinText.asWholeNumber(pin).matcher(this.api.get("/api/v1/audit").text()).find()).isFalse();

		// a second before the end it opens; at the end, at once, it does not
		this.clock.advance(Duration.between(this.clock.instant(), expiresAt).minusSeconds(2));
		assertThat(terminal.authenticate(pin).status()).isEqualTo(200);
		this.clock.advance(Duration.ofSeconds(3));
		Response expired = terminal.authenticate(pin);
		assertThat(expired.status()).isEqualTo(401);
		assertThat(expired.code()).isEqualTo("invalid_pin");
		assertThat(this.api.get(temporaryPins(ann)).json()).isEmpty();
		assertThat(this.api.get("/api/v1/users/" + ann).json().path("temporaryPins").asInt()).isZero();
		assertThat(terminal.authenticate(ownPin).status()).isEqualTo(200);

		// and the sweep deletes the row soon after
		this.temporaryPinsService.deleteExpired();
		assertThat(this.jdbc.sql("select count(*) from temporary_pin").query(Long.class).single()).isZero();
	}

	@Test
	void aDeletedTemporaryPinStopsAtOnce() {
		long bob = user("bob");
		TestApi terminal = newTerminal();
		JsonNode created = this.api.post(temporaryPins(bob), "{\"validMinutes\":60}").json();
		assertThat(terminal.authenticate(created.path("pin").asString()).status()).isEqualTo(200);

		assertThat(this.api.delete(temporaryPins(bob) + "/" + created.path("id").asLong()).status()).isEqualTo(204);

		assertThat(terminal.authenticate(created.path("pin").asString()).code()).isEqualTo("invalid_pin");
		assertThat(this.api.delete(temporaryPins(bob) + "/" + created.path("id").asLong()).code())
			.isEqualTo("temporary_pin_not_found");
		assertThat(this.api.get("/api/v1/audit?action=temporary-pin.").text()).contains("temporary-pin.created",
				"temporary-pin.deleted");
	}

	@Test
	void badRequestsAreRefusedWithTheirReason() {
		long cleo = user("cleo");
		for (String body : List.of("{\"validMinutes\":0}", "{\"validMinutes\":43201}", "{}", "{\"validMinutes\":-5}")) {
			Response refused = this.api.post(temporaryPins(cleo), body);
			assertThat(refused.status()).as(body).isEqualTo(400);
			assertThat(refused.text()).as(body).contains("validMinutes");
		}
		assertThat(this.api.post(temporaryPins(cleo), "{\"validMinutes\":\"soon\"}").status()).isEqualTo(400);
		assertThat(this.api.post(temporaryPins(cleo), "{\"validMinutes\":43200}").status()).isEqualTo(201);
		assertThat(this.api.post(temporaryPins(424242), "{\"validMinutes\":5}").code()).isEqualTo("user_not_found");
		assertThat(this.api.get(temporaryPins(424242)).code()).isEqualTo("user_not_found");

		this.api.patch("/api/v1/users/" + cleo, "{\"active\":false}");
		Response inactive = this.api.post(temporaryPins(cleo), "{\"validMinutes\":5}");
		assertThat(inactive.status()).isEqualTo(409);
		assertThat(inactive.code()).isEqualTo("user_inactive");
		assertThat(this.jdbc.sql("select count(*) from temporary_pin").query(Long.class).single()).isEqualTo(1);
	}

	@Test
	void tenRequestsAtOnceGiveFiveTemporaryPinsAndAllDifferent() {
		long dan = user("dan");
		List<Response> answers = Burst.send(10, 10, (i) -> this.api.post(temporaryPins(dan), "{\"validMinutes\":30}"));

		assertThat(Burst.count(answers, 201)).isEqualTo(5);
		assertThat(answers).filteredOn((answer) -> answer.status() != 201)
			.allSatisfy((answer) -> assertThat(answer.code()).isEqualTo("temporary_pin_limit"));
		assertThat(answers).filteredOn((answer) -> answer.status() == 201)
			.extracting((answer) -> answer.json().path("pin").asString())
			.doesNotHaveDuplicates();

		// an expired one frees its place
		this.clock.advance(Duration.ofMinutes(31));
		assertThat(this.api.post(temporaryPins(dan), "{\"validMinutes\":30}").status()).isEqualTo(201);
	}

	@Test
	void noPinCanBeSetToATemporaryPinsNumber() {
		long eve = user("eve");
		long finn = user("finn");
		String temporary = this.api.post(temporaryPins(eve), "{\"validMinutes\":30}").json().path("pin").asString();

		Response taken = this.api.put("/api/v1/users/" + finn + "/pin", "{\"pin\":\"" + temporary + "\"}");

		assertThat(taken.status()).isEqualTo(409);
		assertThat(taken.code()).isEqualTo("pin_taken");
		assertThat(newTerminal().authenticate(temporary).json().path("userId").asLong()).isEqualTo(eve);
	}

	@Test
	void aRegenerationDeletesTemporaryPinsWithTheOldPins() {
		long gus = user("gus");
		TestApi terminal = newTerminal();
		String temporary = this.api.post(temporaryPins(gus), "{\"validMinutes\":30}").json().path("pin").asString();

		JsonNode result = this.api.post("/api/v1/pins/regenerate", "{}").json();

		assertThat(result.path("temporaryPinsDeleted").asInt()).isEqualTo(1);
		assertThat(terminal.authenticate(temporary).code()).isEqualTo("invalid_pin");
		assertThat(this.api.get(temporaryPins(gus)).json()).isEmpty();
	}

	@Test
	void aDepartedUserLosesItsTemporaryPins() {
		long hal = user("hal");
		TestApi terminal = newTerminal();
		String temporary = this.api.post(temporaryPins(hal), "{\"validMinutes\":30}").json().path("pin").asString();
		this.api.patch("/api/v1/users/" + hal, "{\"active\":false}");
		// a deactivated user's temporary PIN opens nothing
		assertThat(terminal.authenticate(temporary).code()).isEqualTo("invalid_pin");

		JsonNode deleted = this.api.post("/api/v1/users/deactivated/credentials/delete", "").json();

		assertThat(deleted.path("temporaryPins").asInt()).isEqualTo(1);
		assertThat(deleted.path("users").asInt()).isEqualTo(1);
		assertThat(this.jdbc.sql("select count(*) from temporary_pin").query(Long.class).single()).isZero();
	}

	@Test
	void aTemporaryPinStandsInForThePinWithACard() {
		long ida = user("ida");
		this.api.post("/api/v1/users/" + ida + "/cards", "{\"number\":\"C0FFEE01\"}");
		this.api.put("/api/v1/settings/terminals", "{\"defaultLoginMode\":\"card-and-pin\"}");
		long other = user("jon");
		String temporary = this.api.post(temporaryPins(ida), "{\"validMinutes\":30}").json().path("pin").asString();
		String othersTemporary = this.api.post(temporaryPins(other), "{\"validMinutes\":30}")
			.json()
			.path("pin")
			.asString();
		TestApi terminal = newTerminal();

		assertThat(terminal.tap("C0FFEE01", temporary).json().path("userId").asLong()).isEqualTo(ida);
		assertThat(terminal.tap("C0FFEE01", othersTemporary).code()).isEqualTo("invalid_pin");
	}

	@Test
	void atACardAndPinTerminalATemporaryPinGoesWithItsHoldersCardUntilItExpires() {
		long ann = user("ann");
		long bob = user("bob");
		assertThat(this.api.post("/api/v1/users/" + ann + "/cards", "{\"number\":\"04A22B7C\"}").status())
			.isEqualTo(201);
		String registered = this.api.post("/api/v1/terminals", "{\"name\":\"Lab\",\"loginMode\":\"card-and-pin\"}")
			.json()
			.path("token")
			.asString();
		TestApi terminal = TestApi.anonymous(this.port).withBearer(registered);
		Response created = this.api.post(temporaryPins(ann), "{\"validMinutes\":5}");
		String annTemporary = created.json().path("pin").asString();
		String bobTemporary = this.api.post(temporaryPins(bob), "{\"validMinutes\":5}").json().path("pin").asString();

		Response opened = terminal.tap("04A22B7C", annTemporary);
		assertThat(opened.status()).isEqualTo(200);
		assertThat(opened.json().path("userId").asLong()).isEqualTo(ann);
		assertThat(opened.json().path("credential").asString()).isEqualTo("card+pin");
		// another holder's temporary PIN does not go with the card, nor an expired one
		assertThat(terminal.tap("04A22B7C", bobTemporary).status()).isEqualTo(401);
		this.clock.advance(Duration.ofMinutes(6));
		assertThat(terminal.tap("04A22B7C", annTemporary).status()).isEqualTo(401);
	}

	private long user(String name) {
		return this.api.post("/api/v1/users", aUser().named(name).json()).json().path("id").asLong();
	}

	private static String temporaryPins(long userId) {
		return "/api/v1/users/" + userId + "/temporary-pins";
	}

}
