package dev.pinwarden.login;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.pinwarden.support.ApiIntegrationTest;
import dev.pinwarden.support.Burst;
import dev.pinwarden.support.FromAddress;
import dev.pinwarden.support.TestApi;
import dev.pinwarden.support.TestApi.Response;

import static dev.pinwarden.support.UserMother.aUser;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Guessing a user's PIN or an administrator's password at the login locks the account,
 * however many guesses come at once; an administrator is locked only where the guesses
 * come from.
 */
abstract class LoginGuessingTests extends ApiIntegrationTest {

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

		this.clock.advance(Duration.ofMinutes(15).plusSeconds(1));
		assertThat(anonymous.withBasic("pia", "48213957").post("/api/v1/me/pin", "{}").status()).isEqualTo(200);
	}

	@Test
	void fiftyWrongLoginsAtOnceLockTheAccountUntilItsTime() {
		this.api.post("/api/v1/users", aUser().named("ada").withPin("60718293").json());
		TestApi anonymous = TestApi.anonymous(this.port);

		List<Response> answers = Burst.send(50, 50,
				(i) -> anonymous.withBasic("ada", String.valueOf(10_000_000 + i)).get("/api/v1/me/pin"));
		// refused as wrong, or as busy where more came at once than there are cores
		assertThat(Burst.count(answers, 401) + Burst.count(answers, 429)).isEqualTo(50);
		assertThat(this.jdbc.sql("select count(*) from audit_event where action = 'login.failed'")
			.query(Long.class)
			.single()).as("wrong PINs checked").isEqualTo(5);

		assertThat(rightPin(anonymous)).isEqualTo(401);
		this.clock.advance(Duration.ofMinutes(14));
		assertThat(rightPin(anonymous)).isEqualTo(401);
		this.clock.advance(Duration.ofMinutes(1).plusSeconds(1));
		assertThat(rightPin(anonymous)).isEqualTo(200);
	}

	@Test
	void eachFurtherLockOfAnAccountLastsTwiceAsLong() {
		this.api.post("/api/v1/users", aUser().named("bo").withPin("70812934").json());
		TestApi bo = TestApi.anonymous(this.port);
		for (int lock = 0; lock < 2; lock++) {
			for (int i = 0; i < 5; i++) {
				assertThat(bo.withBasic("bo", "1234567" + i).get("/api/v1/me/pin").status()).isEqualTo(401);
			}
			this.clock.advance(Duration.ofMinutes(15).plusSeconds(1));
		}
		// the second lock lasts 30 minutes: 15 are over
		assertThat(bo.withBasic("bo", "70812934").post("/api/v1/me/pin", "{}").status()).isEqualTo(401);
		this.clock.advance(Duration.ofMinutes(15));
		assertThat(bo.withBasic("bo", "70812934").post("/api/v1/me/pin", "{}").status()).isEqualTo(200);
	}

	@Test
	void whoeverStaysOneShortOfTheBudgetInEveryWindowIsStoppedForTheDay() {
		this.api.post("/api/v1/users", aUser().named("eli").withPin("71829304").json());
		TestApi eli = TestApi.anonymous(this.port);
		for (int window = 0; window < 5; window++) {
			for (int i = 0; i < 4; i++) {
				assertThat(eli.withBasic("eli", "2468024" + i).get("/api/v1/me/pin").status()).isEqualTo(401);
			}
			this.clock.advance(Duration.ofMinutes(15).plusSeconds(1));
		}
		// twenty wrong PINs in the day, never five in a window: no more until the day is
		// over
		assertThat(eli.withBasic("eli", "71829304").post("/api/v1/me/pin", "{}").status()).isEqualTo(401);
		this.clock.advance(Duration.ofHours(23));
		assertThat(eli.withBasic("eli", "71829304").post("/api/v1/me/pin", "{}").status()).isEqualTo(200);
	}

	@Test
	void wrongPasswordsFromOneAddressDoNotLockTheAdministratorOutFromAnother() {
		FromAddress elsewhere = FromAddress.of("127.0.0.2", this.port);
		for (int i = 0; i < 5; i++) {
			assertThat(elsewhere.getWithBasic("/api/v1/settings/pin", "admin", "guess" + i)).isEqualTo(401);
		}
		assertThat(elsewhere.getWithBasic("/api/v1/settings/pin", "admin", TestApi.ADMIN_PASSWORD)).isEqualTo(401);
		// the administrator's own address is not locked
		assertThat(this.api.get("/api/v1/settings/pin").status()).isEqualTo(200);
	}

	@Test
	void aUsersPinIsLockedForEveryAddress() {
		this.api.post("/api/v1/users", aUser().named("cy").withPin("81923045").json());
		FromAddress elsewhere = FromAddress.of("127.0.0.3", this.port);
		for (int i = 0; i < 5; i++) {
			assertThat(elsewhere.getWithBasic("/api/v1/me/pin", "cy", "1357913" + i)).isEqualTo(401);
		}
		assertThat(TestApi.anonymous(this.port).withBasic("cy", "81923045").post("/api/v1/me/pin", "{}").status())
			.isEqualTo(401);
	}

	@Test
	void anAddressThatFailsForManyAccountsIsLocked() {
		this.api.put("/api/v1/settings/security", "{\"loginFailureBudget\":1}");
		this.api.post("/api/v1/users", aUser().named("dee").withPin("92034156").json());
		FromAddress guesser = FromAddress.of("127.0.0.4", this.port);
		for (int i = 0; i < 10; i++) {
			guesser.getWithBasic("/api/v1/me/pin", "nobody" + i, "1234");
		}
		// the address is locked for ten failures, whoever logs in from it
		assertThat(guesser.getWithBasic("/api/v1/users", "admin", TestApi.ADMIN_PASSWORD)).isEqualTo(401);
		assertThat(this.api.get("/api/v1/users").status()).isEqualTo(200);
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

	private int rightPin(TestApi anonymous) {
		return anonymous.withBasic("ada", "60718293").post("/api/v1/me/pin", "{}").status();
	}

}
