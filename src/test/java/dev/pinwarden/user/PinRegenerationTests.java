package dev.pinwarden.user;

import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.pinwarden.support.ApiIntegrationTest;
import dev.pinwarden.support.TestApi;
import dev.pinwarden.support.TestApi.Response;
import dev.pinwarden.support.UserMother;

import static dev.pinwarden.support.UserMother.aUser;
import static org.assertj.core.api.Assertions.assertThat;

/** Raising the minimal length, declining or accepting the regeneration of every PIN. */
abstract class PinRegenerationTests extends ApiIntegrationTest {

	@Autowired
	JdbcTemplate jdbcTemplate;

	@Test
	void decliningTheRegenerationKeepsTheOldShorterPinsWorking() {
		String pin = this.api.post("/api/v1/users", aUser().named("rita").json()).json().path("pin").asString();
		assertThat(this.api.put("/api/v1/settings/pin", "{\"minimalPinLength\":8}")
			.json()
			.path("regenerationOffered")
			.asBoolean()).isTrue();

		assertThat(pin).hasSize(4);
		assertThat(newTerminal().authenticate(pin).status()).isEqualTo(200);
	}

	@Test
	void acceptingItGivesEveryActiveUserANewPinOfTheNewLengthAndTheOldOnesStopWorking() {
		String ritaPin = this.api.post("/api/v1/users", aUser().named("rita").json()).json().path("pin").asString();
		String samPin = this.api.post("/api/v1/users", aUser().named("sam").withoutEmail().json())
			.json()
			.path("pin")
			.asString();
		Response tom = this.api.post("/api/v1/users", aUser().named("tom").json());
		this.api.patch("/api/v1/users/" + tom.json().path("id").asLong(), "{\"active\":false}");
		this.api.put("/api/v1/settings/pin", "{\"minimalPinLength\":8}");

		Response regenerated = this.api.post("/api/v1/pins/regenerate", "{}");
		assertThat(regenerated.status()).isEqualTo(200);
		JsonNode result = regenerated.json();
		assertThat(result.path("regenerated").asInt()).isEqualTo(2);
		assertThat(result.path("emailed").asInt()).isEqualTo(1);
		assertThat(result.path("withoutEmail").asInt()).isEqualTo(1);
		assertThat(regenerated.text()).doesNotContain(ritaPin);

		TestApi terminal = newTerminal();
		assertThat(terminal.authenticate(ritaPin).status()).isEqualTo(401);
		assertThat(terminal.authenticate(samPin).status()).isEqualTo(401);
		JsonNode users = this.api.get("/api/v1/users").json().path("items");
		for (JsonNode user : users) {
			boolean active = user.path("active").asBoolean();
			assertThat(user.path("pinLength").asInt()).as(user.path("username").asString()).isEqualTo(active ? 8 : 4);
		}

		// the inactive user kept the PIN: it works again once reactivated
		this.api.patch("/api/v1/users/" + tom.json().path("id").asLong(), "{\"active\":true}");
		assertThat(terminal.authenticate(tom.json().path("pin").asString()).status()).isEqualTo(200);
	}

	@Test
	void regeneratesTenThousandUsersWithUniquePinsOfTheLengthTheirCountRequires() {
		UserMother.insertUsers(this.jdbcTemplate, "staff", 10_000, 10);

		JsonNode result = this.api.post("/api/v1/pins/regenerate", "{}").json();

		assertThat(result.path("regenerated").asInt()).isEqualTo(10_000);
		assertThat(result.path("emailed").asInt()).isEqualTo(9_000);
		assertThat(result.path("withoutEmail").asInt()).isEqualTo(1_000);
		assertThat(result.path("pinLength").asInt()).isEqualTo(6);
		List<Integer> lengths = this.jdbc.sql("select distinct pin_length from pin").query(Integer.class).list();
		assertThat(lengths).containsExactly(6);
		assertThat(this.jdbc.sql("select count(distinct digest) from pin").query(Long.class).single())
			.isEqualTo(10_000);
		assertThat(this.jdbc
			.sql("select count(*) from app_user u where not exists (select 1 from pin p where p.user_id = u.id)")
			.query(Long.class)
			.single()).isZero();
	}

}
