package dev.pinwarden.reset;

import java.time.Duration;
import java.util.List;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import dev.pinwarden.support.ApiIntegrationTest;
import dev.pinwarden.support.TestApi;
import dev.pinwarden.support.TestApi.Response;
import dev.pinwarden.support.TestSmtpServer;

import static dev.pinwarden.support.UserMother.aUser;
import static org.assertj.core.api.Assertions.assertThat;

/** A lost PIN, reset with a mailed code over the API. */
abstract class PinResetTests extends ApiIntegrationTest {

	private TestApi anonymous() {
		return TestApi.anonymous(this.port);
	}

	@Test
	void theMailedCodeGivesANewPinThatWorksAndIsMailedToo() {
		String oldPin = this.api.post("/api/v1/users", aUser().named("hal").json()).json().path("pin").asString();
		this.smtp.awaitPinMailedTo("hal@example.org");

		Response requested = anonymous().post("/api/v1/pin-reset/request", "{\"login\":\"hal\"}");
		assertThat(requested.status()).isEqualTo(202);
		String code = this.smtp.awaitResetCodeMailedTo("hal@example.org");
		assertThat(TestSmtpServer.subject(this.smtp.receivedBy("hal@example.org").get(1)))
			.isEqualTo("Your PIN reset code");
		assertThat(TestSmtpServer.body(this.smtp.receivedBy("hal@example.org").get(1)))
			.contains("https://print.example.org/forgot-pin")
			.contains("10 minutes");

		Response confirmed = anonymous().post("/api/v1/pin-reset/confirm",
				"{\"login\":\"hal@example.org\",\"code\":\"" + code.toLowerCase().replace("-", " ") + "\"}");
		assertThat(confirmed.status()).isEqualTo(200);
		String newPin = confirmed.json().path("pin").asString();
		assertThat(newTerminal().authenticate(newPin).status()).isEqualTo(200);
		assertThat(newTerminal().authenticate(oldPin).status()).isEqualTo(401);
		this.smtp.awaitMessages(3);
		assertThat(TestSmtpServer.pinIn(this.smtp.receivedBy("hal@example.org").get(2))).isEqualTo(newPin);

		// single use
		assertThat(
				anonymous().post("/api/v1/pin-reset/confirm", "{\"login\":\"hal\",\"code\":\"" + code + "\"}").code())
			.isEqualTo("invalid_code");
	}

	@Test
	void unknownUsersGetTheSameAnswerAndNoMail() {
		this.api.post("/api/v1/users", aUser().named("ida").withoutEmail().json());
		Response known = anonymous().post("/api/v1/pin-reset/request", "{\"login\":\"ida\"}");
		Response unknown = anonymous().post("/api/v1/pin-reset/request", "{\"login\":\"nobody@example.org\"}");
		assertThat(unknown.status()).isEqualTo(known.status()).isEqualTo(202);
		assertThat(unknown.text()).isEqualTo(known.text());
		// handled after the answer: give it the time it would take
		Awaitility.await()
			.during(java.time.Duration.ofMillis(500))
			.until(() -> this.jdbc.sql("select count(*) from mail_outbox").query(Long.class).single() == 0);
		assertThat(
				anonymous().post("/api/v1/pin-reset/confirm", "{\"login\":\"nobody\",\"code\":\"ABCD-EFGH\"}").code())
			.isEqualTo("invalid_code");
	}

	@Test
	void fiveWrongTriesLockTheResetsANewerCodeReplacesAnOlderOneAndOldCodesExpire() {
		this.api.post("/api/v1/users", aUser().named("jon").json());
		anonymous().post("/api/v1/pin-reset/request", "{\"login\":\"jon\"}");
		String first = this.smtp.awaitResetCodeMailedTo("jon@example.org");
		aMinuteLater();
		anonymous().post("/api/v1/pin-reset/request", "{\"login\":\"jon\"}");
		Awaitility.await().until(() -> this.smtp.receivedBy("jon@example.org").size() == 3);
		String second = this.smtp.awaitResetCodeMailedTo("jon@example.org");
		assertThat(second).isNotEqualTo(first);
		assertThat(confirm("jon", first).code()).isEqualTo("invalid_code");

		for (int i = 0; i < 4; i++) {
			assertThat(confirm("jon", "WRNG-CODE").status()).isEqualTo(400);
		}
		// four wrong tries and the one with the old code: even the right code is refused
		// now
		Response locked = confirm("jon", second);
		assertThat(locked.status()).isEqualTo(429);
		assertThat(locked.code()).isEqualTo("rate_limited");
		assertThat(Long.parseLong(locked.header("Retry-After"))).isBetween(590L, 600L);
		assertThat(confirm("jon@example.org", second).status()).as("by address as well").isEqualTo(429);

		this.clock.advance(Duration.ofMinutes(10).plusSeconds(1));
		// the lock is over, and so is the code's life
		assertThat(confirm("jon", second).code()).isEqualTo("invalid_code");
		anonymous().post("/api/v1/pin-reset/request", "{\"login\":\"jon\"}");
		Awaitility.await().until(() -> this.smtp.receivedBy("jon@example.org").size() == 4);
		String third = this.smtp.awaitResetCodeMailedTo("jon@example.org");
		this.clock.advance(Duration.ofMinutes(10).plusSeconds(1));
		assertThat(confirm("jon", third).code()).isEqualTo("invalid_code");
	}

	@Test
	void anUnknownLoginHasABudgetOfItsOwnAndAnswersLikeAKnownOne() {
		this.api.post("/api/v1/users", aUser().named("kim").json());
		for (int i = 0; i < 5; i++) {
			Response known = confirm("kim", "WRNG-COD" + i);
			Response unknown = confirm("nobody-here", "WRNG-COD" + i);
			assertThat(unknown.status()).isEqualTo(known.status()).isEqualTo(400);
			assertThat(unknown.text()).isEqualTo(known.text());
		}
		assertThat(confirm("kim", "WRNG-CODE").status()).isEqualTo(429);
		assertThat(confirm("nobody-here", "WRNG-CODE").status()).isEqualTo(429);
	}

	@Test
	void requestsAreLimitedPerSourceAddress() {
		for (int i = 0; i < 10; i++) {
			assertThat(anonymous().post("/api/v1/pin-reset/request", "{\"login\":\"someone" + i + "\"}").status())
				.isEqualTo(202);
		}
		Response refused = anonymous().post("/api/v1/pin-reset/request", "{\"login\":\"someone\"}");
		assertThat(refused.status()).isEqualTo(429);
		assertThat(refused.code()).isEqualTo("rate_limited");
		this.clock.advance(Duration.ofMinutes(15).plusSeconds(1));
		assertThat(anonymous().post("/api/v1/pin-reset/request", "{\"login\":\"someone\"}").status()).isEqualTo(202);
	}

	@Test
	void theCodeIsStoredOnlyAsAKeyedHash() {
		this.api.post("/api/v1/users", aUser().named("kai").json());
		anonymous().post("/api/v1/pin-reset/request", "{\"login\":\"kai\"}");
		String code = this.smtp.awaitResetCodeMailedTo("kai@example.org");
		List<byte[]> stored = this.jdbc.sql("select code_hash from pin_reset").query(byte[].class).list();
		assertThat(stored).hasSize(1);
		assertThat(new String(stored.get(0), java.nio.charset.StandardCharsets.ISO_8859_1))
			.doesNotContain(code.replace("-", ""));
		assertThat(code).matches("[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}");
	}

	@Test
	void atMostOneCodeAMinuteSoNobodyFloodsAMailbox() {
		this.api.post("/api/v1/users", aUser().named("liv").json());
		this.smtp.awaitPinMailedTo("liv@example.org");
		for (int i = 0; i < 5; i++) {
			assertThat(anonymous().post("/api/v1/pin-reset/request", "{\"login\":\"liv\"}").status()).isEqualTo(202);
		}
		String code = this.smtp.awaitResetCodeMailedTo("liv@example.org");
		Awaitility.await()
			.during(java.time.Duration.ofMillis(500))
			.until(() -> this.smtp.receivedBy("liv@example.org").size() == 2);
		assertThat(confirm("liv", code).status()).isEqualTo(200);
	}

	private void aMinuteLater() {
		this.clock.advance(Duration.ofMinutes(1).plusSeconds(1));
	}

	private Response confirm(String login, String code) {
		return anonymous().post("/api/v1/pin-reset/confirm", "{\"login\":\"" + login + "\",\"code\":\"" + code + "\"}");
	}

}
