package dev.pinwarden.web;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

import org.springframework.boot.test.web.server.LocalServerPort;

import dev.pinwarden.support.ApiIntegrationTest;
import dev.pinwarden.support.Browser;
import dev.pinwarden.support.OnH2;
import dev.pinwarden.support.TestApi;

import static dev.pinwarden.support.UserMother.aUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Cards in the pages, in a real headless Chromium: admins', users' and terminals'. */
@OnH2
class CardPagesTests extends ApiIntegrationTest {

	private static final String UID = "04A22B7C";

	private static Browser browser;

	@BeforeAll
	static void startBrowser(@LocalServerPort int port) {
		browser = new Browser(port);
	}

	@AfterAll
	static void stopBrowser() {
		browser.close();
	}

	@BeforeEach
	void loggedOut() {
		browser.open("/login");
		browser.newSession();
	}

	@Test
	void anAdministratorAddsACardFindsItsHolderByNumberAndRemovesIt() {
		long ann = this.api.post("/api/v1/users", aUser().named("ann").withPin("60718245").json())
			.json()
			.path("id")
			.asLong();
		TestApi terminal = newTerminal();
		browser.logIn("admin", TestApi.ADMIN_PASSWORD);
		browser.open("/admin/users/" + ann);
		browser.type("Card number", "04:a2:2b:7c").type("Label (optional)", "badge 2025");
		browser.click("Add card");
		assertThat(browser.text()).contains("The card ending in 2B7C was added.", "…2B7C", "badge 2025", "never")
			.doesNotContain(UID);
		assertThat(terminal.tap(UID).json().path("userId").asLong()).isEqualTo(ann);
		browser.type("Card number", "04a2 2b7c");
		browser.click("Add card");
		assertThat(browser.text()).contains("already");
		// last uses are written in batches, every 2 seconds
		await().atMost(Duration.ofSeconds(10))
			.until(() -> !this.api.get("/api/v1/users/" + ann + "/cards").json().get(0).path("lastUsedAt").isNull());

		browser.click("Users");
		browser.type("Card number", "04-a2-2b-7c");
		browser.click("Find holder");
		assertThat(browser.heading()).isEqualTo("ann");
		assertThat(browser.url()).doesNotContainIgnoringCase("2b").doesNotContain("card=");
		assertThat(browser.text()).doesNotContain("never");
		browser.click("Users");
		browser.type("Card number", "FFFF0001");
		browser.click("Find holder");
		assertThat(browser.text()).contains("No user holds the card ending in 0001.");
		assertThat(browser.url()).doesNotContain("FFFF");
		browser.type("Card number", "04A2_2B7C");
		browser.click("Find holder");
		assertThat(browser.text()).contains("A card number is 1 to 64 digits or letters");

		browser.open("/admin/users/" + ann);
		browser.click("Remove");
		assertThat(browser.text()).contains("The card was removed", "No cards.");
		assertThat(terminal.tap(UID).code()).isEqualTo("card_unknown");
	}

	@Test
	void anAdministratorTriesAReadersNumberAndSetsTheTerminalsModeAndConversion() {
		long ann = this.api.post("/api/v1/users", aUser().named("ann").withPin("60718245").json())
			.json()
			.path("id")
			.asLong();
		this.api.post("/api/v1/users/" + ann + "/cards", "{\"number\":\"" + UID + "\"}");
		TestApi terminal = newTerminal();
		assertThat(terminal.tap("7C2BA204").code()).isEqualTo("card_unknown");
		browser.logIn("admin", TestApi.ADMIN_PASSWORD);
		browser.click("Terminals");
		assertThat(browser.text()).contains("card-or-pin (default)");
		browser.click("Printer hall");

		browser.type("Card conversion: steps applied in order to what the reader sends, one a line", "rot13");
		browser.click("Save");
		assertThat(browser.text()).contains("step 1", "rot13");
		browser.type("Card conversion: steps applied in order to what the reader sends, one a line", "reverse-bytes");
		browser.type("Try a number the reader sent", "7C:2B:A2:04");
		browser.click("Try conversion");
		assertThat(browser.awaitText("The reader's 7C2BA204 becomes 04A22B7C.")).contains("becomes 04A22B7C.");
		new Select(browser.field("Takes")).selectByValue("card");
		browser.click("Save");
		assertThat(browser.text()).contains("The terminal's settings were saved.");
		browser.screenshot("terminal-card-conversion");

		assertThat(terminal.tap("7C2BA204").json().path("userId").asLong()).isEqualTo(ann);
		assertThat(terminal.authenticate("60718245").code()).isEqualTo("login_mode");
		browser.click("All terminals");
		assertThat(browser.text()).contains("Printer hall card");
	}

	@Test
	void aUserTakesARegistrationCodeOnHomeRegistersACardAndRemovesItWhenLost() {
		this.api.post("/api/v1/users", aUser().named("ann").withPin("60718245").json());
		TestApi terminal = newTerminal();
		browser.logIn("admin", TestApi.ADMIN_PASSWORD);
		browser.click("Settings");
		browser.field("may be registered by their holder, with a code from their Home page").click();
		browser.click("Save terminal settings");
		assertThat(browser.text()).contains("Terminal settings saved.");
		assertThat(this.api.get("/api/v1/settings/terminals").json().path("cardSelfRegistration").asString())
			.isEqualTo("code");

		browser.newSession();
		browser.logIn("ann", "60718245");
		assertThat(browser.section("Your cards").getText()).contains("You have no card.");
		browser.click("Register a card");
		String code = browser.driver().findElement(By.cssSelector("[data-testid=registration-code]")).getText();
		assertThat(
				terminal.post("/api/v1/terminal/register-card", "{\"card\":\"" + UID + "\",\"code\":\"" + code + "\"}")
					.status())
			.isEqualTo(201);
		browser.open("/");
		assertThat(browser.section("Your cards").getText())
			.contains("Card ending in 2B7C", "registered at Printer hall")
			.doesNotContain(UID);
		assertThat(terminal.tap(UID).status()).isEqualTo(200);
		browser.screenshot("home-cards");

		browser.click("Remove (lost)");
		assertThat(browser.text()).contains("The card was removed");
		assertThat(terminal.tap(UID).code()).isEqualTo("card_unknown");
	}

	@Test
	void theDashboardCountsCardsTheirLocksAndTheUnknownOnesOfTheDay() {
		this.api.put("/api/v1/settings/terminals", "{\"defaultLoginMode\":\"card-and-pin\"}");
		long ann = this.api.post("/api/v1/users", aUser().named("ann").withPin("60718245").json())
			.json()
			.path("id")
			.asLong();
		this.api.post("/api/v1/users", aUser().named("bob").withPin("73914862").json());
		this.api.post("/api/v1/users", aUser().named("cy").withPin("81920374").json());
		this.api.post("/api/v1/users/" + ann + "/cards", "{\"number\":\"" + UID + "\"}");
		TestApi terminal = newTerminal();
		for (int i = 0; i < 5; i++) {
			terminal.tap(UID, "73914862");
		}
		// that terminal is locked now; another one sees the unknown cards
		TestApi lobby = newTerminal();
		assertThat(lobby.tap("FFFF0001", "60718245").code()).isEqualTo("card_unknown");
		lobby.tap("FFFF0002", "60718245");

		browser.logIn("admin", TestApi.ADMIN_PASSWORD);
		assertThat(browser.section("Cards").getText().replace('\n', ' ')).contains("1 active users with a card",
				"2 active users without a card", "1 cards locked for wrong PINs",
				"2 unknown cards seen in the last day");
	}

}
