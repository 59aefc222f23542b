package dev.pinwarden.user;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.pinwarden.support.ApiIntegrationTest;
import dev.pinwarden.support.TestApi;

import static dev.pinwarden.support.UserMother.aUser;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * With "delete credentials on deactivation", a user who leaves keeps no PIN nor card,
 * whoever deactivates it; a user who comes back gets a new PIN; and those deactivated
 * before are cleared once on request.
 */
abstract class DepartedCredentialsTests extends ApiIntegrationTest {

	@Test
	void aDeactivationByHandDeletesThePinAndCardsAndAReactivationMailsANewPin() {
		this.api.put("/api/v1/settings/pin", "{\"deleteCredentialsOnDeactivation\":true}");
		long ann = userWithCard("ann", "60718245", "A11");
		TestApi terminal = newTerminal();

		JsonNode deactivated = this.api.patch("/api/v1/users/" + ann, "{\"active\":false}").json();
		assertThat(deactivated.path("hasPin").asBoolean()).isFalse();
		assertThat(deactivated.path("cards").asInt()).isZero();
		assertThat(
				this.jdbc.sql("select count(*) from pin where user_id = :u").param("u", ann).query(Long.class).single())
			.isZero();
		assertThat(this.api.get("/api/v1/audit?action=pin.deleted").text()).contains("\"userId\":" + ann);

		this.smtp.purge();
		JsonNode back = this.api.patch("/api/v1/users/" + ann, "{\"active\":true}").json();
		assertThat(back.path("hasPin").asBoolean()).isTrue();
		String mailed = this.smtp.awaitPinMailedTo("ann@example.org");
		assertThat(mailed).isNotEqualTo("60718245");
		assertThat(terminal.authenticate(mailed).json().path("userId").asLong()).isEqualTo(ann);
		assertThat(terminal.authenticate("60718245").status()).isEqualTo(401);
		assertThat(terminal.tap("A11").code()).isEqualTo("card_unknown");
	}

	@Test
	void withTheSettingOffADeactivationKeepsThemUntilTheOneTimeDeletion() {
		long ann = userWithCard("ann", "60718245", "A11");
		long bob = userWithCard("bob", "73914862", "B22");
		this.api.patch("/api/v1/users/" + ann, "{\"active\":false}");
		assertThat(this.api.get("/api/v1/users/" + ann).json().path("hasPin").asBoolean()).isTrue();

		JsonNode deleted = this.api.post("/api/v1/users/deactivated/credentials/delete", "{}").json();
		assertThat(deleted.path("users").asInt()).isEqualTo(1);
		assertThat(deleted.path("pins").asInt()).isEqualTo(1);
		assertThat(deleted.path("temporaryPins").asInt()).isZero();
		assertThat(deleted.path("cards").asInt()).isEqualTo(1);
		assertThat(this.api.get("/api/v1/users/" + ann).json().path("hasPin").asBoolean()).isFalse();
		// the active user keeps everything
		assertThat(this.api.get("/api/v1/users/" + bob).json().path("cards").asInt()).isEqualTo(1);
		assertThat(newTerminal().authenticate("73914862").status()).isEqualTo(200);
		assertThat(this.api.post("/api/v1/users/deactivated/credentials/delete", "{}").json().path("users").asInt())
			.isZero();
	}

	@Test
	void aSyncThatDeactivatesUsersDeletesWhatTheyHeld() {
		this.api.put("/api/v1/settings/pin", "{\"deleteCredentialsOnDeactivation\":true}");
		this.api.send("POST", "/api/v1/sync/csv",
				"username,email,pin,cards\nann,ann@example.org,60718245,A11\nbob,bob@example.org,73914862,B22\n"
						+ "cy,cy@example.org,81920374,C33\n",
				"text/csv");
		TestApi terminal = newTerminal();
		assertThat(terminal.tap("A11").status()).isEqualTo(200);

		JsonNode report = this.api
			.send("POST", "/api/v1/sync/csv?deactivateMissing=true",
					"username,email,active,cards\nann,ann@example.org,false,A11\nbob,bob@example.org,true,B22\n",
					"text/csv")
			.json();
		assertThat(report.path("deactivated").asInt()).isEqualTo(1);
		// ann (inactive in the file) and cy (missing from it) hold nothing; bob keeps all
		for (String gone : new String[] { "60718245", "81920374" }) {
			assertThat(terminal.authenticate(gone).status()).isEqualTo(401);
		}
		assertThat(terminal.tap("A11").code()).isEqualTo("card_unknown");
		assertThat(terminal.tap("C33").code()).isEqualTo("card_unknown");
		assertThat(terminal.tap("B22").status()).isEqualTo(200);
		assertThat(terminal.authenticate("73914862").status()).isEqualTo(200);
		assertThat(this.jdbc.sql("select count(*) from card").query(Long.class).single()).isEqualTo(1);
	}

	private long userWithCard(String name, String pin, String card) {
		long id = this.api.post("/api/v1/users", aUser().named(name).withPin(pin).json()).json().path("id").asLong();
		this.api.post("/api/v1/users/" + id + "/cards", "{\"number\":\"" + card + "\"}");
		return id;
	}

}
