package dev.pinwarden.web;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import org.springframework.boot.test.web.server.LocalServerPort;

import dev.pinwarden.support.ApiIntegrationTest;
import dev.pinwarden.support.Browser;
import dev.pinwarden.support.OnH2;
import dev.pinwarden.support.TestApi;

import static dev.pinwarden.support.UserMother.aUser;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An administrator creates a temporary PIN on the user page, in a real headless Chromium,
 * sees it once, watches the dashboard count it, and deletes it.
 */
@OnH2
class TemporaryPinPageTests extends ApiIntegrationTest {

	private static Browser browser;

	@BeforeAll
	static void startBrowser(@LocalServerPort int port) {
		browser = new Browser(port);
	}

	@AfterAll
	static void stopBrowser() {
		browser.close();
	}

	@Test
	void anAdministratorCreatesATemporaryPinThatOpensATerminalAndDeletesIt() {
		long ann = this.api.post("/api/v1/users", aUser().named("ann").json()).json().path("id").asLong();
		TestApi terminal = newTerminal();
		browser.open("/login");
		browser.newSession();
		browser.logIn("admin", TestApi.ADMIN_PASSWORD);
		browser.open("/admin/users/" + ann);
		assertThat(browser.section("Temporary PINs").getText()).contains("No temporary PINs.");

		new Select(browser.driver().findElement(By.id("valid-minutes"))).selectByVisibleText("1 day");
		browser.click("Create temporary PIN");

		WebElement shown = browser.section("New temporary PIN");
		String pin = shown.findElement(By.className("pin")).getText();
		assertThat(shown.getText()).contains("Valid until", "UTC");
		assertThat(terminal.authenticate(pin).json().path("credential").asString()).isEqualTo("temporary-pin");
		assertThat(browser.section("Temporary PINs").getText()).doesNotContain("No temporary PINs.")
			.doesNotContain(pin);

		// the guessing table counts it beside the PIN, of the same length
		browser.open("/admin");
		assertThat(browser.section("What guessing at a terminal finds").getText())
			.containsPattern("(?m)^" + pin.length() + " 2 ");
		browser.open("/admin/users/" + ann);
		browser.click("Delete");
		assertThat(browser.text()).contains("The temporary PIN was deleted", "No temporary PINs.");
		assertThat(terminal.authenticate(pin).code()).isEqualTo("invalid_pin");
	}

}
