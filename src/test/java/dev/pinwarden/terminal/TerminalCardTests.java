package dev.pinwarden.terminal;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import dev.pinwarden.attempt.AttemptLimiter;
import dev.pinwarden.attempt.AttemptsExhaustedException;
import dev.pinwarden.card.CardNumber;
import dev.pinwarden.settings.SecuritySettingsService;
import dev.pinwarden.support.ApiIntegrationTest;
import dev.pinwarden.support.Burst;
import dev.pinwarden.support.TestApi;
import dev.pinwarden.support.TestApi.Response;

import static dev.pinwarden.support.UserMother.aUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Cards at the terminal: the login modes, card + PIN, reader formats, unknown cards. */
abstract class TerminalCardTests extends ApiIntegrationTest {

	private static final String UID = "04A22B7C";

	@Autowired
	AttemptLimiter limiter;

	@Autowired
	SecuritySettingsService securitySettings;

	@Test
	void byDefaultATerminalTakesACardOrAPinAndSaysWhichWasUsed() {
		long ann = userWithCard("ann", "04:a2:2b:7c", "60718245");
		TestApi terminal = newTerminal();

		Response byCard = terminal.tap(UID);
		assertThat(byCard.status()).isEqualTo(200);
		assertThat(byCard.json().path("userId").asLong()).isEqualTo(ann);
		assertThat(byCard.json().path("credential").asString()).isEqualTo("card");
		assertThat(byCard.text()).doesNotContain(UID).doesNotContain("2B7C");
		assertThat(terminal.authenticate("60718245").json().path("credential").asString()).isEqualTo("pin");
		// the last use is written shortly after the tap, with others
		Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.until(() -> !this.api.get("/api/v1/users/" + ann + "/cards").json().get(0).path("lastUsedAt").isNull());

		Response both = terminal.tap(UID, "60718245");
		assertThat(both.status()).isEqualTo(400);
		assertThat(both.code()).isEqualTo("login_mode");
		assertThat(both.json().path("detail").asString()).contains("card-or-pin");
		assertThat(terminal.post("/api/v1/terminal/authenticate", "{}").code()).isEqualTo("login_mode");
	}

	@Test
	void aTerminalTakesWhatItsModeSaysAndTheDefaultCanChange() {
		userWithCard("ann", UID, "60718245");
		TestApi pinOnly = terminal("{\"name\":\"Hall\",\"loginMode\":\"pin\"}");
		TestApi cardOnly = terminal("{\"name\":\"Lab\",\"loginMode\":\"card\"}");
		TestApi byDefault = newTerminal();

		assertThat(pinOnly.tap(UID).json().path("detail").asString()).contains("pin");
		assertThat(pinOnly.authenticate("60718245").status()).isEqualTo(200);
		assertThat(cardOnly.authenticate("60718245").code()).isEqualTo("login_mode");
		assertThat(cardOnly.tap(UID).status()).isEqualTo(200);

		Response changed = this.api.put("/api/v1/settings/terminals", "{\"defaultLoginMode\":\"card-and-pin\"}");
		assertThat(changed.status()).isEqualTo(200);
		assertThat(changed.json().path("defaultLoginMode").asString()).isEqualTo("card-and-pin");
		assertThat(byDefault.tap(UID).code()).isEqualTo("login_mode");
		assertThat(byDefault.tap(UID, "60718245").json().path("credential").asString()).isEqualTo("card+pin");
		// a terminal with a mode of its own keeps it
		assertThat(cardOnly.tap(UID).status()).isEqualTo(200);

		assertThat(this.api.put("/api/v1/settings/terminals", "{\"defaultLoginMode\":\"face\"}").status())
			.isEqualTo(400);
		assertThat(this.api.put("/api/v1/settings/terminals", "{\"unknownCardBudget\":0}").status()).isEqualTo(400);
		assertThat(this.api.post("/api/v1/terminals", "{\"name\":\"x\",\"loginMode\":\"face\"}").status())
			.isEqualTo(400);
	}

	@Test
	void terminalsRegisteredWhileTheDefaultChangesFollowTheDefaultThatStays() {
		List<Response> answers = Burst.send(60, 8,
				(i) -> (i % 2 == 0) ? this.api.post("/api/v1/terminals", "{\"name\":\"Hall " + i + "\"}")
						: this.api.put("/api/v1/settings/terminals",
								"{\"defaultLoginMode\":\"" + ((i % 4 == 1) ? "pin" : "card") + "\"}"));
		List<TestApi> terminals = answers.stream()
			.filter((answer) -> answer.status() == 201)
			.map((registered) -> TestApi.anonymous(this.port).withBearer(registered.json().path("token").asString()))
			.toList();
		assertThat(terminals).hasSize(30);
		assertThat(answers.stream().filter((answer) -> answer.status() == 200)).isNotEmpty();

		String stays = this.api.get("/api/v1/settings/terminals").json().path("defaultLoginMode").asString();
		for (TestApi terminal : terminals) {
			assertThat(terminal.post("/api/v1/terminal/authenticate", "{}").json().path("detail").asString())
				.contains("login mode is " + stays + ":");
		}
	}

	@Test
	void withCardAndPinThePinMustBeTheHoldersAndWrongOnesLockTheCard() {
		this.api.put("/api/v1/settings/terminals", "{\"defaultLoginMode\":\"card-and-pin\"}");
		long ann = userWithCard("ann", UID, "60718245");
		userWithCard("bob", "B0B", "73914862");
		List<TestApi> terminals = List.of(newTerminal(), newTerminal(), newTerminal());

		Response right = terminals.get(0).tap(UID, "60718245");
		assertThat(right.json().path("userId").asLong()).isEqualTo(ann);
		// another user's PIN with ann's card, at two terminals: 5 wrong lock the card
		for (int i = 0; i < 5; i++) {
			Response wrong = terminals.get(i % 2).tap(UID, "73914862");
			assertThat(wrong.code()).isEqualTo("invalid_pin");
		}
		Response locked = terminals.get(2).tap(UID, "60718245");
		assertThat(locked.status()).isEqualTo(429);
		assertThat(locked.header("Retry-After")).isNotNull();
		assertThat(this.api.get("/api/v1/users/" + ann + "/cards").json().get(0).path("locked").asBoolean()).isTrue();
		// the terminals are not locked: bob's card still opens them
		assertThat(terminals.get(0).tap("B0B", "73914862").status()).isEqualTo(200);
		assertThat(this.api.get("/api/v1/audit?action=attempts.locked").text()).contains("card ");

		// an administrator ends the card's lock: its holder is let in at once
		long cardId = this.api.get("/api/v1/users/" + ann + "/cards").json().get(0).path("id").asLong();
		assertThat(this.api.post("/api/v1/users/" + ann + "/cards/" + cardId + "/unlock", "{}").status())
			.isEqualTo(204);
		assertThat(this.api.get("/api/v1/users/" + ann + "/cards").json().get(0).path("locked").asBoolean()).isFalse();
		assertThat(newTerminal().tap(UID, "60718245").json().path("userId").asLong()).isEqualTo(ann);
		assertThat(this.api.get("/api/v1/audit?action=card.unlocked").text()).contains("…2B7C");
		assertThat(this.api.post("/api/v1/users/" + ann + "/cards/999999/unlock", "{}").status()).isEqualTo(404);
	}

	@Test
	void aRightPinCheckedWhileWrongOnesLockTheCardIsRefusedAtEveryTerminal() throws Exception {
		this.api.put("/api/v1/settings/terminals", "{\"defaultLoginMode\":\"card-and-pin\"}");
		long ann = userWithCard("ann", UID, "60718245");
		userWithCard("bob", "B0B", "73914862");
		long cardId = this.api.get("/api/v1/users/" + ann + "/cards").json().get(0).path("id").asLong();
		TestApi terminal = newTerminal();

		CompletableFuture<Response> right;
		// a check of ann's card under way at other terminals: the right PIN's check waits
		// for it, while other cards' do not
		try (AttemptLimiter.Turn inProgress = this.limiter
			.turnWithin(TerminalAuthentication.cardTurnKey(CardNumber.of(UID)))) {
			right = CompletableFuture.supplyAsync(() -> terminal.tap(UID, "60718245"));
			assertThat(newTerminal().tap("B0B", "73914862").status()).isEqualTo(200);
			assertThatThrownBy(() -> right.get(500, TimeUnit.MILLISECONDS)).as("checked beside the check under way")
				.isInstanceOf(TimeoutException.class);
			// the checks under way were five wrong PINs
			for (int i = 0; i < 5; i++) {
				try {
					this.limiter.countFailure(TerminalAuthentication.cardLimit(cardId, this.securitySettings.get()));
				}
				catch (AttemptsExhaustedException lockedAtTheLast) {
					// the fifth locks the card
				}
			}
		}
		assertThat(right.get(10, TimeUnit.SECONDS).status()).isEqualTo(429);
		assertThat(newTerminal().tap(UID, "60718245").status()).isEqualTo(429);
	}

	@Test
	void unknownCardsHaveABudgetOfTheirOwnThatHoldsUnderABurst() {
		this.api.put("/api/v1/settings/terminals", "{\"unknownCardBudget\":20}");
		userWithCard("ann", UID, "60718245");
		TestApi terminal = newTerminal();

		List<Response> answers = Burst.send(60, 12, (i) -> terminal.tap("FFFF" + (1000 + i)));
		assertThat(Burst.count(answers, 401)).isEqualTo(20);
		assertThat(Burst.count(answers, 429)).isEqualTo(40);
		assertThat(answers).filteredOn((answer) -> answer.status() == 401)
			.allSatisfy((answer) -> assertThat(answer.code()).isEqualTo("card_unknown"));
		// a card emulator walking numbers is stopped there, also for a card that exists
		assertThat(terminal.tap(UID).status()).isEqualTo(429);
		// while PINs still count on the terminal's budget of wrong PINs, and other
		// terminals
		// are not held up
		assertThat(terminal.authenticate("60718245").status()).isEqualTo(200);
		assertThat(newTerminal().tap(UID).status()).isEqualTo(200);
		assertThat(this.api.get("/api/v1/audit?action=card.unknown").text()).doesNotContain("FFFF1000");
	}

	@Test
	void aReaderThatSendsTheUidBackwardsIsTurnedRoundByItsTerminal() {
		long ann = userWithCard("ann", UID, "60718245");
		TestApi backwards = terminal("{\"name\":\"Old reader\",\"cardConversion\":[\"reverse-bytes\"]}");
		TestApi decimal = terminal("{\"name\":\"Decimal reader\",\"cardConversion\":[\"decimal-to-hex\"]}");

		assertThat(backwards.tap("7C2BA204").json().path("userId").asLong()).isEqualTo(ann);
		assertThat(decimal.tap("77736828").json().path("userId").asLong()).isEqualTo(ann);
		assertThat(newTerminal().tap("7C2BA204").code()).isEqualTo("card_unknown");
		Response notDecimal = decimal.tap("7C2BA204");
		assertThat(notDecimal.status()).isEqualTo(400);
		assertThat(notDecimal.code()).isEqualTo("card_invalid");

		long id = this.api.get("/api/v1/terminals").json().get(0).path("id").asLong();
		Response refused = this.api.put("/api/v1/terminals/" + id,
				"{\"name\":\"Old reader\",\"cardConversion\":[\"reverse-bytes\",\"rot13\"]}");
		assertThat(refused.code()).isEqualTo("card_conversion_invalid");
		assertThat(refused.json().path("detail").asString()).contains("step 2", "rot13");
		Response changed = this.api.put("/api/v1/terminals/" + id,
				"{\"name\":\"Old reader\",\"loginMode\":\"card\",\"cardConversion\":[\"decimal-to-hex\"]}");
		assertThat(changed.json().path("loginMode").asString()).isEqualTo("card");
		assertThat(changed.json().path("cardConversion").get(0).asString()).isEqualTo("decimal-to-hex");
		assertThat(backwards.tap("77736828").json().path("userId").asLong()).isEqualTo(ann);
	}

	@Test
	void aDeactivatedUsersCardOpensNothing() {
		long ann = userWithCard("ann", UID, "60718245");
		this.api.patch("/api/v1/users/" + ann, "{\"active\":false}");
		assertThat(newTerminal().tap(UID).code()).isEqualTo("card_unknown");
	}

	private long userWithCard(String name, String card, String pin) {
		long id = this.api.post("/api/v1/users", aUser().named(name).withPin(pin).json()).json().path("id").asLong();
		assertThat(this.api.post("/api/v1/users/" + id + "/cards", "{\"number\":\"" + card + "\"}").status())
			.isEqualTo(201);
		return id;
	}

	private TestApi terminal(String json) {
		Response registered = this.api.post("/api/v1/terminals", json);
		assertThat(registered.status()).isEqualTo(201);
		return TestApi.anonymous(this.port).withBearer(registered.json().path("token").asString());
	}

}
