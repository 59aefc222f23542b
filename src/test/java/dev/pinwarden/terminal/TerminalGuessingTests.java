package dev.pinwarden.terminal;

import org.junit.jupiter.api.Test;

import dev.pinwarden.support.ApiIntegrationTest;
import dev.pinwarden.support.TestApi;
import dev.pinwarden.support.TestApi.Response;

import static dev.pinwarden.support.UserMother.aUser;
import static org.assertj.core.api.Assertions.assertThat;

/** A terminal that guesses is throttled; the others go on working. */
abstract class TerminalThrottleTests extends ApiIntegrationTest {

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
	void aSecondThrottlingLastsTwiceAsLong() {
		String pin = this.api.post("/api/v1/users", aUser().named("max").json()).json().path("pin").asString();
		TestApi guesser = newTerminal();
		for (int i = 0; i < 5; i++) {
			guesser.authenticate(wrong(pin, i));
		}
		// the first throttling is over
		this.jdbc.sql("update terminal_throttle set blocked_until = window_start").update();
		assertThat(guesser.authenticate(pin).status()).isEqualTo(200);
		for (int i = 0; i < 5; i++) {
			guesser.authenticate(wrong(pin, i));
		}
		assertThat(Long.parseLong(guesser.authenticate(pin).header("Retry-After"))).isBetween(1790L, 1800L);
	}

	@Test
	void failuresOutsideTheWindowDoNotAddUp() {
		String pin = this.api.post("/api/v1/users", aUser().named("ned").json()).json().path("pin").asString();
		TestApi terminal = newTerminal();
		for (int i = 0; i < 4; i++) {
			terminal.authenticate(wrong(pin, i));
		}
		this.jdbc.sql("update terminal_throttle set window_start = window_start - interval '16' minute").update();
		for (int i = 0; i < 4; i++) {
			assertThat(terminal.authenticate(wrong(pin, i)).status()).isEqualTo(401);
		}
		assertThat(terminal.authenticate(pin).status()).isEqualTo(200);
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
		String pin = this.api.post("/api/v1/users", aUser().named("ola").json()).json().path("pin").asString();
		TestApi terminal = newTerminal();
		terminal.authenticate(wrong(pin, 0));
		terminal.authenticate(wrong(pin, 1));
		Response throttled = terminal.authenticate(pin);
		assertThat(throttled.status()).isEqualTo(429);
		assertThat(Long.parseLong(throttled.header("Retry-After"))).isBetween(50L, 60L);
	}

	/** A PIN that is surely not the given one (nor anybody's, with one user). */
	private static String wrong(String pin, int i) {
		String candidate = String.format("%04d", (Integer.parseInt(pin) + 1 + i) % 10_000);
		return candidate;
	}

}
