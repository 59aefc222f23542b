package dev.pinwarden.terminal;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.pinwarden.support.ApiIntegrationTest;
import dev.pinwarden.support.Burst;
import dev.pinwarden.support.TestApi;
import dev.pinwarden.support.TestApi.Response;

import static dev.pinwarden.support.UserMother.aUser;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A terminal that guesses PINs gets at most its budget of wrong PINs answered, however
 * many it sends at once; then it is locked, and the others go on working.
 */
abstract class TerminalGuessingTests extends ApiIntegrationTest {

	private static final String PIN = "80417263";

	@Test
	void fiveWrongPinsThrottleTheTerminalEvenForARightPin() {
		String pin = this.api.post("/api/v1/users", aUser().named("lea").json()).json().path("pin").asString();
		TestApi guesser = newTerminal();
		TestApi other = newTerminal();
		for (int i = 0; i < 5; i++) {
			assertThat(guesser.authenticate(wrong(pin, i)).status()).isEqualTo(401);
		}

		Response throttled = guesser.authenticate(pin);
		assertThat(throttled.status()).isEqualTo(429);
		assertThat(throttled.code()).isEqualTo("rate_limited");
		assertThat(Long.parseLong(throttled.header("Retry-After"))).isBetween(890L, 900L);
		assertThat(throttled.text()).doesNotContain("lea");

		assertThat(other.authenticate(pin).status()).isEqualTo(200);
	}

	@Test
	void aBurstOfWrongPinsGetsNoMoreThanTheBudgetCheckedAndARightPinInItIsRefused() throws Exception {
		this.api.post("/api/v1/users", aUser().named("burst").withPin(PIN).json());
		TestApi guesser = newTerminal();
		TestApi other = newTerminal();
		CountDownLatch firstRefusal = new CountDownLatch(1);
		CompletableFuture<Response> rightPinDuringTheBurst = CompletableFuture.supplyAsync(() -> {
			try {
				firstRefusal.await(60, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return guesser.authenticate(PIN);
		});

		List<Response> answers = Burst.send(256, 32, (i) -> {
			Response answer = guesser.authenticate(String.valueOf(10_000_000 + i));
			// refused because the terminal is locked, not because too many of the burst
			// wait for their turn (a second's wait)
			if (answer.status() == 429 && Long.parseLong(answer.header("Retry-After")) > 60) {
				firstRefusal.countDown();
			}
			return answer;
		});

		assertThat(Burst.count(answers, 401)).isEqualTo(5);
		assertThat(Burst.count(answers, 429)).isEqualTo(251);
		assertThat(rightPinDuringTheBurst.get(60, TimeUnit.SECONDS).status()).isEqualTo(429);
		assertThat(guesser.authenticate(PIN).status()).isEqualTo(429);
		assertThat(other.authenticate(PIN).status()).isEqualTo(200);
		assertThat(this.jdbc.sql("select count(*) from audit_event where action = 'terminal.auth.failed'")
			.query(Long.class)
			.single()).isEqualTo(5);
	}

	@Test
	void aLockEndsByItsTimeOnlyAndTheNextOneLastsTwiceAsLong() {
		this.api.post("/api/v1/users", aUser().named("max").withPin(PIN).json());
		TestApi guesser = newTerminal();
		guessWrong(guesser, 5);
		this.clock.advance(Duration.ofMinutes(14));
		// neither a right nor a wrong PIN ends a lock, nor shortens it
		assertThat(guesser.authenticate(PIN).status()).isEqualTo(429);
		Response stillLocked = guesser.authenticate("11223344");
		assertThat(stillLocked.status()).isEqualTo(429);
		assertThat(Long.parseLong(stillLocked.header("Retry-After"))).isBetween(50L, 60L);

		this.clock.advance(Duration.ofMinutes(1).plusSeconds(1));
		assertThat(guesser.authenticate(PIN).status()).isEqualTo(200);
		guessWrong(guesser, 5);
		assertThat(Long.parseLong(guesser.authenticate(PIN).header("Retry-After"))).isBetween(1790L, 1800L);
		this.clock.advance(Duration.ofMinutes(30).plusSeconds(1));
		guessWrong(guesser, 5);
		assertThat(Long.parseLong(guesser.authenticate(PIN).header("Retry-After"))).isBetween(3590L, 3600L);

		// a day without a lock forgives the earlier ones
		this.clock.advance(Duration.ofHours(25).plusMinutes(1));
		guessWrong(guesser, 5);
		assertThat(Long.parseLong(guesser.authenticate(PIN).header("Retry-After"))).isBetween(890L, 900L);
	}

	@Test
	void failuresOutsideTheWindowDoNotAddUp() {
		this.api.post("/api/v1/users", aUser().named("ned").withPin(PIN).json());
		TestApi terminal = newTerminal();
		guessWrong(terminal, 4);
		this.clock.advance(Duration.ofMinutes(16));
		guessWrong(terminal, 4);
		assertThat(terminal.authenticate(PIN).status()).isEqualTo(200);
	}

	@Test
	void rightPinsDoNotForgiveWrongOnes() {
		this.api.post("/api/v1/users", aUser().named("pat").withPin(PIN).json());
		TestApi terminal = newTerminal();
		for (int i = 0; i < 4; i++) {
			assertThat(terminal.authenticate(String.valueOf(20_000_000 + i)).status()).isEqualTo(401);
			// someone who knows a PIN cannot keep a guessing terminal's count down
			assertThat(terminal.authenticate(PIN).status()).isEqualTo(200);
		}
		assertThat(terminal.authenticate("30000000").status()).isEqualTo(401);
		assertThat(terminal.authenticate(PIN).status()).isEqualTo(429);
	}

	@Test
	void anAdministratorEndsALock() {
		this.api.post("/api/v1/users", aUser().named("ivy").withPin(PIN).json());
		Response registered = this.api.post("/api/v1/terminals", "{\"name\":\"Hall\"}");
		long id = registered.json().path("id").asLong();
		TestApi terminal = TestApi.anonymous(this.port).withBearer(registered.json().path("token").asString());
		guessWrong(terminal, 5);
		assertThat(terminal.authenticate(PIN).status()).isEqualTo(429);

		assertThat(this.api.post("/api/v1/terminals/" + id + "/unlock", "{}").status()).isEqualTo(204);
		assertThat(terminal.authenticate(PIN).status()).isEqualTo(200);
		assertThat(this.api.post("/api/v1/terminals/999999/unlock", "{}").status()).isEqualTo(404);
		assertThat(this.jdbc
			.sql("select count(*) from audit_event where action in ('attempts.locked', 'terminal.unlocked')")
			.query(Long.class)
			.single()).isEqualTo(2);
	}

	@Test
	void theBudgetAndWindowAreSettings() {
		Response defaults = this.api.get("/api/v1/settings/security");
		assertThat(defaults.json().path("terminalFailureBudget").asInt()).isEqualTo(5);
		assertThat(defaults.json().path("terminalFailureWindowMinutes").asInt()).isEqualTo(15);
		assertThat(this.api
			.put("/api/v1/settings/security", "{\"terminalFailureBudget\":0,\"terminalFailureWindowMinutes\":15}")
			.json()
			.path("field")
			.asString()).isEqualTo("terminalFailureBudget");
		assertThat(this.api
			.put("/api/v1/settings/security", "{\"terminalFailureBudget\":5,\"terminalFailureWindowMinutes\":144001}")
			.status()).isEqualTo(400);

		this.api.put("/api/v1/settings/security", "{\"terminalFailureBudget\":2,\"terminalFailureWindowMinutes\":1}");
		this.api.post("/api/v1/users", aUser().named("ola").withPin(PIN).json());
		TestApi terminal = newTerminal();
		guessWrong(terminal, 2);
		Response throttled = terminal.authenticate(PIN);
		assertThat(throttled.status()).isEqualTo(429);
		assertThat(Long.parseLong(throttled.header("Retry-After"))).isBetween(50L, 60L);
	}

	private static void guessWrong(TestApi terminal, int times) {
		for (int i = 0; i < times; i++) {
			assertThat(terminal.authenticate(String.valueOf(40_000_000 + i)).status()).isEqualTo(401);
		}
	}

	/** A PIN that is surely not the given one (nor anybody's, with one user). */
	private static String wrong(String pin, int i) {
		return String.format("%04d", (Integer.parseInt(pin) + 1 + i) % 10_000);
	}

}
