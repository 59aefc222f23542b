package dev.pinwarden.web;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;

import org.springframework.boot.test.web.server.LocalServerPort;

import dev.pinwarden.support.ApiIntegrationTest;
import dev.pinwarden.support.Browser;
import dev.pinwarden.support.OnH2;
import dev.pinwarden.support.TestApi;

import static dev.pinwarden.support.UserMother.aUser;
import static org.assertj.core.api.Assertions.assertThat;

/** The pages in a real headless Chromium, used as an administrator and a user would. */
@OnH2
class WebPagesTests extends ApiIntegrationTest {

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
	void aWrongLoginGetsOneGenericMessage() {
		this.api.post("/api/v1/users", aUser().named("ann").withPin("48213957").json());
		for (String[] attempt : new String[][] { { "ann", "11111111" }, { "nobody", "48213957" },
				{ "admin", "wrong" } }) {
			browser.logIn(attempt[0], attempt[1]);
			assertThat(browser.text()).contains("Wrong username, PIN or password.");
		}
	}

	@Test
	void aUserWhoseAccountIsDeactivatedOrRemovedIsLoggedOutAtTheNextPage() {
		long id = this.api.post("/api/v1/users", aUser().named("gus").withPin("71829364").json())
			.json()
			.path("id")
			.asLong();
		browser.logIn("gus", "71829364");
		assertThat(browser.text()).contains("gus");
		this.api.patch("/api/v1/users/" + id, "{\"active\":false}");
		browser.open("/");
		assertThat(browser.text()).contains("Your session has ended");
		assertThat(browser.driver().getCurrentUrl()).contains("/login");

		this.api.post("/api/v1/admins", "{\"username\":\"temp\",\"password\":\"a temporary password\"}");
		browser.logIn("temp", "a temporary password");
		assertThat(browser.heading()).isEqualTo("Dashboard");
		this.api.delete("/api/v1/admins/temp");
		browser.open("/admin/users");
		assertThat(browser.text()).contains("Your session has ended");
	}

	@Test
	void anAdministratorChangesTheirPasswordAndAddsAnother() {
		browser.logIn("admin", TestApi.ADMIN_PASSWORD);
		browser.click("Administrators");
		browser.type("Current password", "not the password")
			.type("New password (at least 12 characters, not your user name)", "a brand new password");
		browser.click("Change password");
		assertThat(browser.text()).contains("The current password is not right");
		browser.type("Current password", TestApi.ADMIN_PASSWORD)
			.type("New password (at least 12 characters, not your user name)", "a brand new password");
		browser.click("Change password");
		assertThat(browser.text()).contains("Your password was changed.");
		assertThat(this.api.get("/api/v1/admins").status()).isEqualTo(401);
		TestApi renewed = TestApi.anonymous(this.port).withBasic("admin", "a brand new password");
		assertThat(renewed.get("/api/v1/admins").status()).isEqualTo(200);

		browser.type("User name", "ops").type("Password (at least 12 characters)", "another long password");
		browser.click("Add administrator");
		assertThat(browser.awaitText("The administrator was added.")).contains("The administrator was added.");
		assertThat(renewed.get("/api/v1/admins").json().findValuesAsString("username")).containsExactly("admin", "ops");
	}

	@Test
	void anAdministratorRaisesTheMinimalLengthAndDeclinesTheRegeneration() {
		String pin = this.api.post("/api/v1/users", aUser().named("bea").json()).json().path("pin").asString();
		newTerminal();
		newTerminal();
		browser.logIn("admin", TestApi.ADMIN_PASSWORD);
		assertThat(browser.heading()).isEqualTo("Dashboard");
		// one 4-digit PIN in 10,000; 384 wrong PINs a day at most per terminal; two
		// terminals
		assertThat(browser.section("What guessing at a terminal finds").getText()).contains("at most 384")
			.contains("at most 20")
			.contains("0.01 % 0.038 0.077");
		browser.screenshot("dashboard");

		browser.click("Settings");
		assertThat(browser.field("Users can change PIN").isSelected()).isTrue();
		browser.type("Minimal PIN length", "6");
		browser.click("Save");

		List<WebElement> dialogs = browser.dialogs();
		browser.screenshot("settings-dialog");
		assertThat(dialogs).hasSize(1);
		assertThat(dialogs.get(0).getText()).contains("generate new PINs for all active users")
			.contains("old PINs will be deleted");
		browser.click("No");

		assertThat(browser.dialogs()).isEmpty();
		assertThat(browser.text()).contains("The existing PINs were kept.");
		assertThat(browser.field("Minimal PIN length").getAttribute("value")).isEqualTo("6");
		assertThat(newTerminal().authenticate(pin).status()).isEqualTo(200);
	}

	@Test
	void anAdministratorAcceptsTheRegenerationAndUsersGetNewPinsByMail() {
		String oldPin = this.api.post("/api/v1/users", aUser().named("cid").json()).json().path("pin").asString();
		this.api.post("/api/v1/users", aUser().named("dan").withoutEmail().json());
		this.smtp.awaitMessages(1);
		browser.logIn("admin", TestApi.ADMIN_PASSWORD);
		browser.open("/admin/settings/authentication");
		browser.type("Minimal PIN length", "8");
		browser.click("Save");
		browser.click("Yes");

		WebElement result = browser.awaitSection("New PINs generated");
		assertThat(result.getText()).contains("2 active users got a new PIN of 8 digits")
			.contains("1 are mailed to them")
			.contains("1 users without an email address got theirs on PIN letters")
			.contains("Download PIN letters (PDF)");
		assertThat(newTerminal().authenticate(oldPin).status()).isEqualTo(401);
		this.smtp.awaitMessages(2);
		String mailed = dev.pinwarden.support.TestSmtpServer.pinIn(this.smtp.receivedBy("cid@example.org").get(1));
		assertThat(mailed).hasSize(8);
		assertThat(newTerminal().authenticate(mailed).status()).isEqualTo(200);
	}

	@Test
	void sendingByEmailIsCheckedWhenGenerationIsChecked() {
		this.api.put("/api/v1/settings/pin", "{\"generatePinForNewUsers\":false,\"sendPinByEmail\":false}");
		browser.logIn("admin", TestApi.ADMIN_PASSWORD);
		browser.open("/admin/settings/authentication");
		assertThat(browser.field("Send new PIN via email").isSelected()).isFalse();

		browser.field("Generate PIN for users created in synchronization or manual input").click();

		assertThat(browser.field("Send new PIN via email").isSelected()).isTrue();
	}

	@Test
	void anAdministratorChangesTheGuessingLimits() {
		browser.logIn("admin", TestApi.ADMIN_PASSWORD);
		browser.open("/admin/settings/authentication");
		browser.type("Wrong PINs a terminal may send before it is throttled (1–100)", "9");
		browser.click("Save limits");
		assertThat(browser.text()).contains("Security settings saved.");
		assertThat(this.api.get("/api/v1/settings/security").json().path("terminalFailureBudget").asInt()).isEqualTo(9);
	}

	@Test
	void anAdministratorClearsWhatDeactivatedUsersHoldAndTurnsOnTheirDeletion() {
		long left = this.api.post("/api/v1/users", aUser().named("left").withPin("60718245").json())
			.json()
			.path("id")
			.asLong();
		long leaving = this.api.post("/api/v1/users", aUser().named("leaving").withPin("73914862").json())
			.json()
			.path("id")
			.asLong();
		this.api.patch("/api/v1/users/" + left, "{\"active\":false}");
		browser.logIn("admin", TestApi.ADMIN_PASSWORD);
		browser.open("/admin/settings/authentication");
		browser.click("Delete credentials of deactivated users");
		assertThat(browser.text()).contains("Deleted 1 PINs and 0 cards of 1 deactivated users.");
		assertThat(this.api.get("/api/v1/users/" + left).json().path("hasPin").asBoolean()).isFalse();

		browser.field("Delete the PIN and cards of a user who is deactivated (a reactivated user gets a new PIN)")
			.click();
		browser.click("Save");
		assertThat(browser.text()).contains("Settings saved.");
		this.api.patch("/api/v1/users/" + leaving, "{\"active\":false}");
		assertThat(this.api.get("/api/v1/users/" + leaving).json().path("hasPin").asBoolean()).isFalse();
	}

	@Test
	void theAuditLogPageShowsWhatWasDone() {
		this.api.put("/api/v1/settings/pin", "{\"minimalPinLength\":5}");
		browser.logIn("admin", TestApi.ADMIN_PASSWORD);
		browser.click("Audit log");
		assertThat(browser.text()).contains("settings.pin.changed").contains("admin:admin");
		browser.type("Event kind (beginning)", "user.");
		browser.click("Filter");
		assertThat(browser.text()).contains("No events.");
	}

	@Test
	void aLengthOutsideTheRangeIsShownNextToTheField() {
		browser.logIn("admin", TestApi.ADMIN_PASSWORD);
		browser.open("/admin/settings/authentication");
		// past the browser's own check, as a request from elsewhere would be
		browser.script("document.getElementById('minimalPinLength').removeAttribute('max')");
		browser.type("Minimal PIN length", "20");
		browser.click("Save");
		assertThat(browser.text()).contains("The minimal PIN length must be between 4 and 16");
		assertThat(browser.field("Minimal PIN length").getAttribute("aria-invalid")).isEqualTo("true");
		assertThat(this.api.get("/api/v1/settings/pin").json().path("minimalPinLength").asInt()).isEqualTo(4);
	}

	@Test
	void aUserLogsInWithThePinAndGeneratesANewOne() {
		this.api.post("/api/v1/users", aUser().named("eve").withFullName("Eve Adams").withPin("73915824").json());
		browser.logIn("eve", "73915824");

		assertThat(browser.heading()).isEqualTo("Eve Adams");
		assertThat(browser.section("Your PIN").getText()).contains("You have a PIN of 8 digits")
			.doesNotContain("73915824");
		browser.click("Generate PIN");

		WebElement shown = browser.section("Your new PIN");
		browser.screenshot("home-new-pin");
		String newPin = shown.findElement(org.openqa.selenium.By.className("pin")).getText();
		// as long as the policy demands now, whatever the old PIN's length
		assertThat(newPin).hasSize(4).containsOnlyDigits().isNotEqualTo("73915824");
		assertThat(shown.getText()).contains("It was also sent to eve@example.org");
		assertThat(newTerminal().authenticate("73915824").status()).isEqualTo(401);
		assertThat(newTerminal().authenticate(newPin).json().path("username").asString()).isEqualTo("eve");
		assertThat(dev.pinwarden.support.TestSmtpServer.pinIn(this.smtp.awaitMessages(1).get(0))).isEqualTo(newPin);
	}

	@Test
	void withoutUsersCanChangePinThereIsNoGenerateButtonAndTheApiRefuses() {
		this.api.put("/api/v1/settings/pin", "{\"usersCanChangePin\":false}");
		this.api.post("/api/v1/users", aUser().named("fay").withPin("66204817").json());
		browser.logIn("fay", "66204817");
		assertThat(browser.text()).contains("ask your administrator").doesNotContain("Generate PIN");
		TestApi.Response refused = TestApi.anonymous(this.port)
			.withBasic("fay", "66204817")
			.post("/api/v1/me/pin", "{}");
		assertThat(refused.status()).isEqualTo(403);
		assertThat(refused.code()).isEqualTo("self_service_disabled");
	}

	@Test
	void aUserWhoLostThePinGetsANewOneWithTheMailedCode() {
		this.api.post("/api/v1/users", aUser().named("hub").withPin("80417362").json());
		browser.open("/login");
		browser.click("Forgot your PIN?");
		browser.type("Username or email", "hub@example.org");
		browser.click("Send reset code");
		assertThat(browser.text())
			.contains("If the account exists and has an email address, a reset code is on its way");

		browser.type("Reset code", "AAAA-AAAA");
		browser.click("Get a new PIN");
		assertThat(browser.text()).contains("The reset code is wrong, used or expired");

		String code = this.smtp.awaitResetCodeMailedTo("hub@example.org");
		browser.type("Reset code", code);
		browser.click("Get a new PIN");
		String newPin = browser.section("Your new PIN").findElement(org.openqa.selenium.By.className("pin")).getText();
		assertThat(newTerminal().authenticate(newPin).json().path("username").asString()).isEqualTo("hub");
		assertThat(newTerminal().authenticate("80417362").status()).isEqualTo(401);
		browser.logIn("hub", newPin);
		assertThat(browser.section("Your PIN").getText()).contains("You have a PIN");
	}

	@Test
	void anAdministratorEditsPreviewsAndRevertsATemplate() {
		browser.logIn("admin", TestApi.ADMIN_PASSWORD);
		browser.click("Email templates");
		browser.type("Subject", "PIN for {{username}}");
		org.awaitility.Awaitility.await().until(() -> browser.text().contains("Subject: PIN for jdoe"));
		browser.screenshot("email-templates");
		browser.click("Save");
		assertThat(browser.text()).contains("The template 'new-pin' was saved.");
		assertThat(this.api.get("/api/v1/email-templates/new-pin").json().path("subject").asString())
			.isEqualTo("PIN for {{username}}");

		browser.type("Subject", "Oops {{nobody}}");
		browser.click("Save");
		assertThat(browser.text()).contains("unknown placeholder {{nobody}}");

		browser.open("/admin/email-templates");
		browser.click("Revert values");
		assertThat(browser.text()).contains("back to its default text");
		assertThat(browser.field("Subject").getAttribute("value")).isEqualTo("Your new printing PIN");
		assertThat(this.api.get("/api/v1/email-templates/new-pin").json().path("modified").asBoolean()).isFalse();
	}

	@Test
	void anAdministratorRegistersATerminalWhoseTokenWorksOnceShown() {
		String pin = this.api.post("/api/v1/users", aUser().named("ivo").json()).json().path("pin").asString();
		browser.logIn("admin", TestApi.ADMIN_PASSWORD);
		browser.click("Terminals");
		browser.type("Terminal name", "Floor 3");
		browser.click("Register terminal");
		String token = browser.section("New token").findElement(org.openqa.selenium.By.tagName("code")).getText();
		assertThat(TestApi.anonymous(this.port).withBearer(token).authenticate(pin).status()).isEqualTo(200);

		browser.open("/admin/terminals");
		assertThat(browser.text()).contains("Floor 3").doesNotContain(token);
		browser.click("Revoke");
		assertThat(browser.text()).contains("revoked");
		assertThat(TestApi.anonymous(this.port).withBearer(token).authenticate(pin).status()).isEqualTo(401);
	}

	@Test
	void anAdministratorCreatesAUserAndManagesItsPin() {
		browser.logIn("admin", TestApi.ADMIN_PASSWORD);
		browser.click("Users");
		browser.type("Username", "kim").type("Full name", "Kim Lee").type("Email", "kim@example.org");
		browser.click("Create user");
		String pin = browser.section("New PIN").findElement(org.openqa.selenium.By.className("pin")).getText();
		assertThat(newTerminal().authenticate(pin).json().path("username").asString()).isEqualTo("kim");

		browser.type("Search", "Lee");
		browser.click("Search");
		browser.click("kim");
		assertThat(browser.heading()).isEqualTo("kim");
		browser.type("New PIN", "12a4");
		browser.click("Set PIN");
		browser.awaitText("A PIN may contain only the digits 0-9");
		browser.type("New PIN", "90817263");
		browser.click("Set PIN");
		browser.awaitText("The PIN was set.");
		assertThat(newTerminal().authenticate("90817263").status()).isEqualTo(200);
		assertThat(newTerminal().authenticate(pin).status()).isEqualTo(401);

		browser.field("Active (a deactivated user cannot use the PIN)").click();
		browser.click("Save changes");
		browser.awaitText("Changes saved.");
		assertThat(newTerminal().authenticate("90817263").status()).isEqualTo(401);
		browser.click("Delete user");
		assertThat(browser.text()).contains("User 'kim' deleted.");
	}

	@Test
	void anAdministratorImportsACsvFileAndSeesTheErrorsByLine() throws Exception {
		java.nio.file.Path file = java.nio.file.Files.createTempFile("users", ".csv");
		java.nio.file.Files.writeString(file,
				"username,fullName,email\nlou,Lou Reed,lou@example.org\n,Nobody,\nmia,Mia,not-an-address\n");
		browser.logIn("admin", TestApi.ADMIN_PASSWORD);
		browser.open("/admin/users");
		browser.field("CSV file").sendKeys(file.toString());
		browser.click("Import");
		String report = browser.awaitSection("Import report").getText();
		browser.screenshot("users-import");
		assertThat(report).contains("1 created").contains("1 PINs generated").contains("2 lines with errors");
		assertThat(report).contains("3 username is required").contains("4 email is not a valid email address");
		assertThat(this.api.get("/api/v1/users?q=lou").json().path("total").asInt()).isEqualTo(1);
	}

	@Test
	void aUserCannotOpenAdministrationPages() {
		this.api.post("/api/v1/users", aUser().named("gil").withPin("58302917").json());
		browser.logIn("gil", "58302917");
		browser.open("/admin/settings/authentication");
		assertThat(browser.heading()).isEqualTo("Not allowed");
		assertThat(TestApi.anonymous(this.port).withBasic("gil", "58302917").get("/api/v1/users").status())
			.isEqualTo(403);
	}

}
