package dev.pinwarden.user;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.pinwarden.support.ApiIntegrationTest;
import dev.pinwarden.support.PinText;
import dev.pinwarden.support.TestApi.Response;
import dev.pinwarden.support.TestApi;

import static dev.pinwarden.support.UserMother.aUser;
import static org.assertj.core.api.Assertions.assertThat;

/** Users and their PINs through the admin API, checked at the terminal API. */
abstract class UserApiTests extends ApiIntegrationTest {

	@Autowired
	JdbcTemplate jdbcTemplate;

	@Test
	void newUserGetsAGeneratedPinShownOnceThatWorksAtATerminal() {
		Response created = this.api.post("/api/v1/users", aUser().named("alice").withFullName("Alice Smith").json());

		assertThat(created.status()).isEqualTo(201);
		assertThat(created.header("Location")).endsWith("/api/v1/users/" + created.json().path("id").asLong());
		String pin = created.json().path("pin").asString();
		assertThat(pin).hasSize(4).containsOnlyDigits();
		assertThat(created.json().path("hasPin").asBoolean()).isTrue();

		Response auth = newTerminal().authenticate(pin);
		assertThat(auth.status()).isEqualTo(200);
		assertThat(auth.json().path("username").asString()).isEqualTo("alice");
		assertThat(auth.json().path("fullName").asString()).isEqualTo("Alice Smith");

		Response read = this.api.get("/api/v1/users/" + created.json().path("id").asLong());
		assertThat(read.json().has("pin")).isFalse();
		assertThat(read.text()).doesNotContainPattern(PinText.asWholeNumber(pin));
		assertThat(read.json().path("pinLength").asInt()).isEqualTo(4);
	}

	@Test
	void newUserWithAChosenPinKeepsItsLeadingZeros() {
		Response created = this.api.post("/api/v1/users", aUser().named("bob").withPin("0012").json());
		assertThat(created.status()).isEqualTo(201);
		assertThat(created.json().has("pin")).isFalse();

		TestApi terminal = newTerminal();
		assertThat(terminal.authenticate("0012").json().path("username").asString()).isEqualTo("bob");
		assertThat(terminal.authenticate("12").status()).isEqualTo(401);
		assertThat(terminal.authenticate("012").status()).isEqualTo(401);
	}

	@Test
	void newUserGetsNoPinWhenGenerationIsOff() {
		this.api.put("/api/v1/settings/pin", "{\"generatePinForNewUsers\":false}");
		Response created = this.api.post("/api/v1/users", aUser().named("carol").json());
		assertThat(created.status()).isEqualTo(201);
		assertThat(created.json().path("hasPin").asBoolean()).isFalse();
		assertThat(created.json().has("pin")).isFalse();
	}

	@Test
	void aRefusedPinLeavesNoUserBehind() {
		Response refused = this.api.post("/api/v1/users", aUser().named("dave").withPin("12x4").json());
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.code()).isEqualTo("pin_not_digits");
		assertThat(this.api.get("/api/v1/users?q=dave").json().path("total").asLong()).isZero();
	}

	@Test
	void anEmptyPinIsRefusedNotTakenForNone() {
		Response refused = this.api.post("/api/v1/users", aUser().named("dora").withPin("").json());
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.code()).isEqualTo("pin_missing");
	}

	@Test
	void usernamesAreUniqueWhateverTheirCase() {
		assertThat(this.api.post("/api/v1/users", aUser().named("Erin").json()).status()).isEqualTo(201);
		Response duplicate = this.api.post("/api/v1/users", aUser().named("erin").json());
		assertThat(duplicate.status()).isEqualTo(409);
		assertThat(duplicate.code()).isEqualTo("username_taken");
	}

	@Test
	void badUserFieldsAreRefusedNamingTheField() {
		Response noName = this.api.post("/api/v1/users", "{\"fullName\":\"Nobody\"}");
		assertThat(noName.status()).isEqualTo(400);
		assertThat(noName.json().path("field").asString()).isEqualTo("username");

		Response longName = this.api.post("/api/v1/users", "{\"username\":\"" + "x".repeat(101) + "\"}");
		assertThat(longName.status()).isEqualTo(400);
		assertThat(longName.json().path("detail").asString()).contains("at most 100");

		Response badEmail = this.api.post("/api/v1/users", "{\"username\":\"frank\",\"email\":\"not an address\"}");
		assertThat(badEmail.json().path("field").asString()).isEqualTo("email");

		Response control = this.api.post("/api/v1/users", "{\"username\":\"fr\\u0000ank\"}");
		assertThat(control.status()).isEqualTo(400);

		Response wrongType = this.api.post("/api/v1/users", "{\"username\":[1,2]}");
		assertThat(wrongType.status()).isEqualTo(400);
		assertThat(wrongType.code()).isEqualTo("wrong_type");

		Response notJson = this.api.post("/api/v1/users", "{\"username\":");
		assertThat(notJson.code()).isEqualTo("malformed_json");
		assertThat(notJson.text()).doesNotContain("Exception").doesNotContain("at dev.");
	}

	@Test
	void listsSearchesAndPagesUsersWithoutAnySecret() {
		for (String name : new String[] { "anna", "annabel", "bert", "hanna_x", "zoe" }) {
			this.api.post("/api/v1/users", aUser().named(name).json());
		}
		JsonNode page = this.api.get("/api/v1/users?q=ANN&size=2").json();
		assertThat(page.path("total").asLong()).isEqualTo(3);
		assertThat(page.path("items")).hasSize(2);
		assertThat(page.path("items").get(0).path("username").asString()).isEqualTo("anna");
		assertThat(page.path("items").get(0).has("pin")).isFalse();

		JsonNode second = this.api.get("/api/v1/users?q=ann&size=2&page=1").json();
		assertThat(second.path("items")).hasSize(1);
		assertThat(second.path("items").get(0).path("username").asString()).isEqualTo("hanna_x");

		// LIKE wildcards in the query are taken literally
		assertThat(this.api.get("/api/v1/users?q=_").json().path("total").asLong()).isEqualTo(1);
		assertThat(this.api.get("/api/v1/users?q=%25").json().path("total").asLong()).isZero();
		assertThat(this.api.get("/api/v1/users").json().path("total").asLong()).isEqualTo(5);

		assertThat(this.api.get("/api/v1/users?size=0").status()).isEqualTo(400);
		assertThat(this.api.get("/api/v1/users?page=-1").status()).isEqualTo(400);
		assertThat(this.api.get("/api/v1/users?size=many").code()).isEqualTo("invalid_parameter");
	}

	@Test
	void patchChangesOnlyWhatItNames() {
		long id = this.api.post("/api/v1/users", aUser().named("gina").withFullName("Gina").json())
			.json()
			.path("id")
			.asLong();
		JsonNode changed = this.api.patch("/api/v1/users/" + id, "{\"fullName\":\"Gina Lollo\"}").json();
		assertThat(changed.path("fullName").asString()).isEqualTo("Gina Lollo");
		assertThat(changed.path("email").asString()).isEqualTo("gina@example.org");

		JsonNode cleared = this.api.patch("/api/v1/users/" + id, "{\"email\":null}").json();
		assertThat(cleared.path("email").isNull()).isTrue();
		assertThat(cleared.path("fullName").asString()).isEqualTo("Gina Lollo");

		assertThat(this.api.patch("/api/v1/users/" + id, "{\"username\":\"x\"}").code()).isEqualTo("unknown_field");
		assertThat(this.api.patch("/api/v1/users/" + id, "{\"active\":\"yes\"}").status()).isEqualTo(400);
	}

	@Test
	void aDeactivatedUsersPinStopsWorkingAndWorksAgainOnReactivation() {
		Response created = this.api.post("/api/v1/users", aUser().named("hank").json());
		long id = created.json().path("id").asLong();
		String pin = created.json().path("pin").asString();
		TestApi terminal = newTerminal();

		this.api.patch("/api/v1/users/" + id, "{\"active\":false}");
		Response refused = terminal.authenticate(pin);
		assertThat(refused.status()).isEqualTo(401);
		assertThat(refused.code()).isEqualTo("invalid_pin");

		this.api.patch("/api/v1/users/" + id, "{\"active\":true}");
		assertThat(terminal.authenticate(pin).status()).isEqualTo(200);
	}

	@Test
	void aDeletedUserIsGoneWithItsPin() {
		Response created = this.api.post("/api/v1/users", aUser().named("ivan").json());
		long id = created.json().path("id").asLong();
		assertThat(this.api.delete("/api/v1/users/" + id).status()).isEqualTo(204);

		assertThat(newTerminal().authenticate(created.json().path("pin").asString()).status()).isEqualTo(401);
		assertThat(this.api.get("/api/v1/users/" + id).code()).isEqualTo("user_not_found");
		assertThat(this.api.delete("/api/v1/users/" + id).status()).isEqualTo(404);
		assertThat(this.jdbc.sql("select count(*) from pin").query(Long.class).single()).isZero();
	}

	@Test
	void adminSetsAPinUnderTheRules() {
		long id = this.api.post("/api/v1/users", aUser().named("judy").json()).json().path("id").asLong();
		String path = "/api/v1/users/" + id + "/pin";

		assertThat(this.api.put(path, "{\"pin\":\"12a45\"}").code()).isEqualTo("pin_not_digits");
		assertThat(this.api.put(path, "{\"pin\":\"１２３４５\"}").code()).isEqualTo("pin_not_digits");
		assertThat(this.api.put(path, "{\"pin\":\"١٢٣٤٥\"}").code()).isEqualTo("pin_not_digits");
		assertThat(this.api.put(path, "{\"pin\":\"123\"}").code()).isEqualTo("pin_too_short");
		assertThat(this.api.put(path, "{\"pin\":\"12345678901234567\"}").code()).isEqualTo("pin_too_long");

		assertThat(this.api.put(path, "{\"pin\":\"004711\"}").status()).isEqualTo(204);
		assertThat(newTerminal().authenticate("004711").json().path("username").asString()).isEqualTo("judy");

		long other = this.api.post("/api/v1/users", aUser().named("kate").json()).json().path("id").asLong();
		Response taken = this.api.put("/api/v1/users/" + other + "/pin", "{\"pin\":\"004711\"}");
		assertThat(taken.status()).isEqualTo(409);
		assertThat(taken.code()).isEqualTo("pin_taken");
		assertThat(taken.text()).doesNotContain("judy");

		assertThat(this.api.put("/api/v1/users/999999/pin", "{\"pin\":\"55667788\"}").status()).isEqualTo(404);
	}

	@Test
	void minimalLengthAppliesToPinsSetAfterItWasRaised() {
		long id = this.api.post("/api/v1/users", aUser().named("leo").json()).json().path("id").asLong();
		this.api.put("/api/v1/settings/pin", "{\"minimalPinLength\":6}");
		assertThat(this.api.put("/api/v1/users/" + id + "/pin", "{\"pin\":\"48213\"}").code())
			.isEqualTo("pin_too_short");
		assertThat(this.api.put("/api/v1/users/" + id + "/pin", "{\"pin\":\"482139\"}").status()).isEqualTo(204);
	}

	@Test
	void generatingReplacesThePinAndTheOldOneStopsWorking() {
		Response created = this.api.post("/api/v1/users", aUser().named("mia").json());
		long id = created.json().path("id").asLong();
		String oldPin = created.json().path("pin").asString();

		Response generated = this.api.post("/api/v1/users/" + id + "/pin", "{}");
		assertThat(generated.status()).isEqualTo(200);
		String newPin = generated.json().path("pin").asString();
		assertThat(newPin).hasSize(4).isNotEqualTo(oldPin);

		TestApi terminal = newTerminal();
		assertThat(terminal.authenticate(newPin).status()).isEqualTo(200);
		assertThat(terminal.authenticate(oldPin).status()).isEqualTo(401);
	}

	@Test
	void deletingAPinLocksTheUserOutOfTerminals() {
		Response created = this.api.post("/api/v1/users", aUser().named("ned").json());
		long id = created.json().path("id").asLong();
		assertThat(this.api.delete("/api/v1/users/" + id + "/pin").status()).isEqualTo(204);
		assertThat(newTerminal().authenticate(created.json().path("pin").asString()).status()).isEqualTo(401);
		assertThat(this.api.get("/api/v1/users/" + id).json().path("hasPin").asBoolean()).isFalse();
	}

	@Test
	void generatedLengthFollowsTheUserCountIncludingTheNewUser() {
		dev.pinwarden.support.UserMother.insertUsers(this.jdbcTemplate, "bulk", 998, 0);
		// the 999th user: still fewer than 1,000
		assertThat(this.api.post("/api/v1/users", aUser().named("u999").json()).json().path("pin").asString())
			.hasSize(4);
		// the 1,000th user needs 5 digits
		assertThat(this.api.post("/api/v1/users", aUser().named("u1000").json()).json().path("pin").asString())
			.hasSize(5);
		JsonNode settings = this.api.get("/api/v1/settings/pin").json();
		assertThat(settings.path("userCount").asLong()).isEqualTo(1000);
		assertThat(settings.path("requiredLengthForUserCount").asInt()).isEqualTo(5);
		assertThat(settings.path("generatedPinLength").asInt()).isEqualTo(5);
	}

}
