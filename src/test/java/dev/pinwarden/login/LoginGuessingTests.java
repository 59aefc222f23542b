package dev.pinwarden.login;

import org.junit.jupiter.api.Test;

import dev.pinwarden.support.ApiIntegrationTest;
import dev.pinwarden.support.TestApi;
import dev.pinwarden.support.TestApi.Response;

import static dev.pinwarden.support.UserMother.aUser;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Guessing a user's PIN or an administrator's password at the login locks the account.
 */
abstract class LoginThrottleTests extends ApiIntegrationTest {

	@Test
	void fiveWrongPinsLockTheAccountWithTheSameAnswerAsAWrongPin() {
		this.api.post("/api/v1/users", aUser().named("pia").withPin("48213957").json());
		this.api.post("/api/v1/users", aUser().named("rex").withPin("59302718").json());
		TestApi anonymous = TestApi.anonymous(this.port);
		Response wrong = null;
		for (int i = 0; i < 5; i++) {
			wrong = anonymous.withBasic("pia", "1111222" + i).post("/api/v1/me/pin", "{}");
			assertThat(wrong.status()).isEqualTo(401);
		}
		Response locked = anonymous.withBasic("pia", "48213957").post("/api/v1/me/pin", "{}");
		assertThat(locked.status()).isEqualTo(401);
		assertThat(locked.text()).isEqualTo(wrong.text());

		// another account from the same address is not locked
		assertThat(anonymous.withBasic("rex", "59302718").post("/api/v1/me/pin", "{}").status()).isEqualTo(200);

		this.jdbc.sql("update login_throttle set blocked_until = window_start").update();
		assertThat(anonymous.withBasic("pia", "48213957").post("/api/v1/me/pin", "{}").status()).isEqualTo(200);
	}

	@Test
	void aHugeMadeUpUsernameIsJustAWrongLogin() {
		TestApi anonymous = TestApi.anonymous(this.port);
		for (int i = 0; i < 6; i++) {
			Response answer = anonymous.withBasic("x".repeat(1000) + i, "1234").get("/api/v1/users");
			assertThat(answer.status()).isEqualTo(401);
			assertThat(answer.code()).isEqualTo("unauthorized");
		}
	}

	@Test
	void anAdministratorsPasswordCannotBeGuessedEither() {
		TestApi anonymous = TestApi.anonymous(this.port);
		for (int i = 0; i < 5; i++) {
			anonymous.withBasic("admin", "guess" + i).get("/api/v1/settings/pin");
		}
		assertThat(this.api.get("/api/v1/settings/pin").status()).isEqualTo(401);
		this.jdbc.sql("delete from login_throttle").update();
		assertThat(this.api.get("/api/v1/settings/pin").status()).isEqualTo(200);
	}

	@Test
	void usersGenerateTheirOwnPinAtMostThreeTimesADay() {
		this.api.post("/api/v1/users", aUser().named("sid").withPin("70418263").json());
		String pin = "70418263";
		for (int i = 0; i < 3; i++) {
			Response generated = TestApi.anonymous(this.port).withBasic("sid", pin).post("/api/v1/me/pin", "{}");
			assertThat(generated.status()).isEqualTo(200);
			pin = generated.json().path("pin").asString();
		}
		Response refused = TestApi.anonymous(this.port).withBasic("sid", pin).post("/api/v1/me/pin", "{}");
		assertThat(refused.status()).isEqualTo(429);
		assertThat(refused.code()).isEqualTo("self_service_limit");
		assertThat(newTerminal().authenticate(pin).status()).isEqualTo(200);

		this.api.put("/api/v1/settings/security", "{\"selfServicePerDay\":4}");
		assertThat(TestApi.anonymous(this.port).withBasic("sid", pin).post("/api/v1/me/pin", "{}").status())
			.isEqualTo(200);
	}

}
