package dev.pinwarden.terminal;

import java.time.Duration;
import java.util.List;

import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import dev.pinwarden.support.ApiIntegrationTest;
import dev.pinwarden.support.Burst;
import dev.pinwarden.support.TestApi;
import dev.pinwarden.support.TestApi.Response;
import dev.pinwarden.support.TestSmtpServer;

import static dev.pinwarden.support.UserMother.aUser;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Users tie an unknown card to themselves at a terminal, with their PIN or a code from
 * their Home page, as the settings say; the card opens the terminal from then on, and its
 * holder is told.
 */
abstract class CardSelfRegistrationTests extends ApiIntegrationTest {

	private static final String CARD = "04:A2:2B:7C";

	@Test
	void whereSelfRegistrationIsOffAnUnknownCardStaysUnknown() {
		user("ann", "60718245");
		TestApi terminal = newTerminal();

		Response unknown = terminal.tap(CARD);
		assertThat(unknown.code()).isEqualTo("card_unknown");
		assertThat(unknown.json().path("selfRegistration").asString()).isEqualTo("off");
		Response refused = register(terminal, CARD, "pin", "60718245");
		assertThat(refused.status()).isEqualTo(403);
		assertThat(refused.code()).isEqualTo("self_registration_off");
		assertThat(terminal.tap(CARD).code()).isEqualTo("card_unknown");
	}

	@Test
	void withThePinTheUserRegistersTheCardWhichThenOpensTheTerminalAndTheyAreTold() {
		this.api.put("/api/v1/settings/terminals", "{\"cardSelfRegistration\":\"pin\"}");
		long ann = user("ann", "60718245");
		user("bob", "73914862");
		TestApi terminal = newTerminal();

		Response unknown = terminal.tap(CARD);
		assertThat(unknown.status()).isEqualTo(401);
		assertThat(unknown.json().path("selfRegistration").asString()).isEqualTo("pin");
		assertThat(register(terminal, CARD, "pin", "11112222").code()).isEqualTo("invalid_pin");
		assertThat(register(terminal, CARD, "code", "ABCD-EFGH").code()).isEqualTo("self_registration");

		Response registered = register(terminal, CARD, "pin", "60718245");
		assertThat(registered.status()).isEqualTo(201);
		assertThat(registered.json().path("userId").asLong()).isEqualTo(ann);
		assertThat(registered.json().path("username").asString()).isEqualTo("ann");
		assertThat(registered.text()).doesNotContain("04A22B7C");

		Response tapped = terminal.tap("04a22b7c");
		assertThat(tapped.json().path("userId").asLong()).isEqualTo(ann);
		assertThat(tapped.json().path("credential").asString()).isEqualTo("card");
		Response cards = this.api.get("/api/v1/users/" + ann + "/cards");
		assertThat(cards.json().get(0).path("source").asString()).isEqualTo("terminal");
		assertThat(cards.json().get(0).path("label").asString()).isEqualTo("registered at Printer hall");
		assertThat(cards.json().get(0).path("hint").asString()).isEqualTo("2B7C");

		MimeMessage notice = this.smtp.awaitMessages(1)
			.stream()
			.filter((mail) -> TestSmtpServer.subject(mail).contains("card was registered"))
			.findFirst()
			.orElseThrow();
		assertThat(TestSmtpServer.recipient(notice)).isEqualTo("ann@example.org");
		assertThat(TestSmtpServer.body(notice)).contains("ending in 2B7C", "Printer hall").doesNotContain("04A22B7C");
		assertThat(this.api.get("/api/v1/audit?action=card.registered").text()).contains("2B7C")
			.doesNotContain("04A22B7C");

		// the card is ann's now: bob, with his right PIN, is told it is taken
		Response taken = register(terminal, CARD, "pin", "73914862");
		assertThat(taken.status()).isEqualTo(409);
		assertThat(taken.code()).isEqualTo("card_taken");
	}

	@Test
	void wrongPinsAtRegistrationCountAgainstTheTerminalAsAtLogin() {
		this.api.put("/api/v1/settings/terminals", "{\"cardSelfRegistration\":\"pin\"}");
		user("ann", "60718245");
		TestApi terminal = newTerminal();

		List<Response> answers = Burst.send(12, 12, (i) -> register(terminal, "FF" + i, "pin", "1111" + (2000 + i)));
		assertThat(Burst.count(answers, 401)).isEqualTo(5);
		assertThat(Burst.count(answers, 429)).isEqualTo(7);
		// locked: nobody registers, nor logs in, at this terminal for a while
		assertThat(register(terminal, CARD, "pin", "60718245").status()).isEqualTo(429);
		assertThat(terminal.authenticate("60718245").status()).isEqualTo(429);
		// a taken card is not told to someone without a right PIN
		assertThat(register(newTerminal(), "FF3", "pin", "99998888").code()).isEqualTo("invalid_pin");
	}

	@Test
	void withACodeFromHomeTheCardIsRegisteredOnceAndTheCodeExpires() {
		this.api.put("/api/v1/settings/terminals", "{\"cardSelfRegistration\":\"code\"}");
		long ann = user("ann", "60718245");
		TestApi terminal = newTerminal();
		TestApi asAnn = TestApi.anonymous(this.port).withBasic("ann", "60718245");

		assertThat(terminal.tap(CARD).json().path("selfRegistration").asString()).isEqualTo("code");
		assertThat(register(terminal, CARD, "pin", "60718245").code()).isEqualTo("self_registration");
		Response issued = asAnn.post("/api/v1/me/card-registration-code", "{}");
		assertThat(issued.status()).isEqualTo(200);
		String code = issued.json().path("code").asString();
		assertThat(code).matches("[A-Z2-9]{4}-[A-Z2-9]{4}");
		assertThat(issued.json().path("expiresAt").asString()).isNotEmpty();
		assertThat(this.jdbc.sql("select count(*) from card_registration_code where user_id = :u")
			.param("u", ann)
			.query(Long.class)
			.single()).isEqualTo(1);
		// the code needs its key until it is used or expires
		assertThat(this.api.get("/api/v1/keys").json().get(0).path("cardRegistrationCodes").asLong()).isEqualTo(1);

		// the same code at two terminals at once: one card is registered
		List<TestApi> terminals = List.of(terminal, newTerminal());
		List<Response> answers = Burst.send(2, 2,
				(i) -> register(terminals.get(i), (i == 0) ? CARD : "C0FFEE", "code", code.toLowerCase()));
		assertThat(Burst.count(answers, 201)).isEqualTo(1);
		assertThat(Burst.count(answers, 401)).isEqualTo(1);
		assertThat(answers).filteredOn((answer) -> answer.status() == 401)
			.allSatisfy((answer) -> assertThat(answer.code()).isEqualTo("invalid_code"));
		assertThat(this.api.get("/api/v1/users/" + ann + "/cards").json()).hasSize(1);

		String late = asAnn.post("/api/v1/me/card-registration-code", "{}").json().path("code").asString();
		this.clock.advance(Duration.ofMinutes(11));
		assertThat(register(newTerminal(), "BADGE2", "code", late).code()).isEqualTo("invalid_code");
		assertThat(this.api.get("/api/v1/users/" + ann + "/cards").json()).hasSize(1);
	}

	@Test
	void aUserWithARightPinCannotWalkCardNumbersToFindThoseTaken() {
		this.api.put("/api/v1/settings/terminals", "{\"cardSelfRegistration\":\"pin\",\"unknownCardBudget\":3}");
		long bob = user("bob", "73914862");
		for (int i = 0; i < 10; i++) {
			this.api.post("/api/v1/users/" + bob + "/cards", "{\"number\":\"B0" + i + "\"}");
		}
		user("ann", "60718245");
		TestApi terminal = newTerminal();

		List<Response> answers = Burst.send(10, 10, (i) -> register(terminal, "B0" + i, "pin", "60718245"));
		assertThat(Burst.count(answers, 409)).isEqualTo(3);
		assertThat(Burst.count(answers, 429)).isEqualTo(7);
		// the terminal is locked for cards, as after unknown ones, and registers none
		assertThat(terminal.tap("C001").status()).isEqualTo(429);
		assertThat(terminal.tap("B05").status()).isEqualTo(429);
		assertThat(register(terminal, "C001", "pin", "60718245").status()).isEqualTo(429);
		// PINs still open it
		assertThat(terminal.authenticate("73914862").json().path("userId").asLong()).isEqualTo(bob);
	}

	@Test
	void aCodeIsKeptForACardThatTurnsOutTaken() {
		this.api.put("/api/v1/settings/terminals", "{\"cardSelfRegistration\":\"code\"}");
		long bob = user("bob", "73914862");
		this.api.post("/api/v1/users/" + bob + "/cards", "{\"number\":\"" + CARD + "\"}");
		user("ann", "60718245");
		TestApi asAnn = TestApi.anonymous(this.port).withBasic("ann", "60718245");
		String code = asAnn.post("/api/v1/me/card-registration-code", "{}").json().path("code").asString();
		TestApi terminal = newTerminal();

		assertThat(register(terminal, CARD, "code", code).code()).isEqualTo("card_taken");
		assertThat(register(terminal, "ANN1", "code", code).status()).isEqualTo(201);
	}

	@Test
	void theNoticeIsATemplateAdminsEditAndRevert() {
		Response template = this.api.get("/api/v1/email-templates/card-registered");
		assertThat(template.status()).isEqualTo(200);
		assertThat(template.json().path("body").asString()).contains("{{cardHint}}", "{{terminalName}}");
		this.api.put("/api/v1/email-templates/card-registered",
				"{\"subject\":\"New badge\",\"body\":\"Card {{cardHint}} at {{terminalName}} for {{username}}\"}");
		this.api.put("/api/v1/settings/terminals", "{\"cardSelfRegistration\":\"pin\"}");
		user("ann", "60718245");

		assertThat(register(newTerminal(), CARD, "pin", "60718245").status()).isEqualTo(201);
		MimeMessage notice = this.smtp.awaitMessages(1).get(0);
		assertThat(TestSmtpServer.subject(notice)).isEqualTo("New badge");
		assertThat(TestSmtpServer.body(notice)).contains("Card 2B7C at Printer hall for ann");

		assertThat(this.api.post("/api/v1/email-templates/card-registered/revert", "{}").status()).isEqualTo(200);
		assertThat(this.api.get("/api/v1/email-templates/card-registered").json().path("modified").asBoolean())
			.isFalse();
	}

	@Test
	void badRegistrationsGetAClearAnswerAndRegisterNothing() {
		this.api.put("/api/v1/settings/terminals", "{\"cardSelfRegistration\":\"pin\"}");
		long ann = user("ann", "60718245");
		TestApi terminal = newTerminal();

		Response tooLong = register(terminal, "A".repeat(300), "pin", "60718245");
		assertThat(tooLong.status()).isEqualTo(400);
		assertThat(tooLong.code()).isEqualTo("card_invalid");
		assertThat(register(terminal, "04A2_2B7C", "pin", "60718245").code()).isEqualTo("card_invalid");
		assertThat(terminal.post("/api/v1/terminal/register-card", "{\"pin\":\"60718245\"}").code())
			.isEqualTo("self_registration");
		assertThat(
				terminal.post("/api/v1/terminal/register-card", "{\"card\":{\"x\":1},\"pin\":\"60718245\"}").status())
			.isEqualTo(400);
		assertThat(terminal.post("/api/v1/terminal/register-card", "not json").status()).isEqualTo(400);
		Response noToken = TestApi.anonymous(this.port)
			.post("/api/v1/terminal/register-card", "{\"card\":\"" + CARD + "\",\"pin\":\"60718245\"}");
		assertThat(noToken.status()).isEqualTo(401);
		assertThat(noToken.code()).isEqualTo("invalid_token");
		assertThat(this.api.get("/api/v1/users/" + ann + "/cards").json()).isEmpty();
		// none of it counted as a wrong PIN: the right one still registers
		assertThat(register(terminal, CARD, "pin", "60718245").status()).isEqualTo(201);
	}

	private long user(String name, String pin) {
		return this.api.post("/api/v1/users", aUser().named(name).withPin(pin).json()).json().path("id").asLong();
	}

	private static Response register(TestApi terminal, String card, String proof, String value) {
		return terminal.post("/api/v1/terminal/register-card",
				"{\"card\":\"" + card + "\",\"" + proof + "\":\"" + value + "\"}");
	}

}
