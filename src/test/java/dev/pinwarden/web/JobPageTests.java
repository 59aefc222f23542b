package dev.pinwarden.web;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.transaction.support.TransactionTemplate;

import dev.pinwarden.jdbc.JobLocks;
import dev.pinwarden.support.ApiIntegrationTest;
import dev.pinwarden.support.Browser;
import dev.pinwarden.support.HeldLock;
import dev.pinwarden.support.OnH2;
import dev.pinwarden.support.TestApi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A CSV import in a real headless Chromium: the page follows the job with a progress bar
 * a screen reader can read, the dashboard shows it running, and the report comes at the
 * end; a cancelled import changes nothing.
 */
@OnH2
class JobPageTests extends ApiIntegrationTest {

	private static Browser browser;

	@Autowired
	private JobLocks locks;

	@Autowired
	private TransactionTemplate transactions;

	@BeforeAll
	static void startBrowser(@LocalServerPort int port) {
		browser = new Browser(port);
	}

	@AfterAll
	static void stopBrowser() {
		browser.close();
	}

	@Test
	void aCsvImportShowsItsProgressWhileItRunsAndItsReportAtTheEnd() throws Exception {
		Path file = csv(1500);
		logIn();
		browser.open("/admin/users");

		try (HeldLock pinWrites = HeldLock.hold("pin-writes", this.locks, this.transactions)) {
			browser.field("CSV file").sendKeys(file.toString());
			browser.click("Import");
			assertThat(browser.heading()).isEqualTo("CSV import");
			// the users are read, and the PINs wait for the lock another request holds
			// polled, the page follows the job into its next phase
			await().atMost(Duration.ofSeconds(30))
				.ignoreExceptions()
				.until(() -> browser.section("Running").getText().contains("Generating PINs"));
			WebElement running = browser.section("Running");
			assertThat(running.getText()).contains("You may leave this page");
			// a phase of unknown length: a busy bar, without a value
			assertThat(running.findElement(By.tagName("progress")).getAttribute("value")).isIn(null, "0");

			browser.open("/admin");
			WebElement dashboard = browser.section("Running now");
			assertThat(dashboard.getText()).contains("CSV import");
			dashboard.findElement(By.linkText("CSV import")).click();
		}

		String report = browser.awaitSection("Import report").getText();
		assertThat(report).contains("1500 created").contains("1500 PINs generated").contains("0 lines with errors");
		assertThat(browser.driver().findElements(By.tagName("progress"))).isEmpty();
		assertThat(this.api.get("/api/v1/users?q=csv0042").json().path("total").asInt()).isEqualTo(1);
		browser.open("/admin");
		assertThat(browser.text()).doesNotContain("Running now");
	}

	@Test
	void theBarOfAPhaseOfKnownLengthSaysHowFarItIsAndHowLongItWillStillTake() {
		Instant now = this.clock.instant();
		this.jdbc.sql("""
				insert into job (kind, state, phase, phase_started_at, done, total, node, lease_until, cancel_requested,
				  created_at, started_at)
				values ('regeneration', 'running', 'generating PINs', :started, 30000, 100000, 'another-node', :lease,
				  false, :started, :started)""")
			.param("started", Timestamp.from(now.minus(Duration.ofMinutes(30))))
			.param("lease", Timestamp.from(now.plusSeconds(60)))
			.update();
		long id = this.api.get("/api/v1/jobs").json().path("items").get(0).path("id").asLong();
		logIn();

		browser.open("/admin/jobs/" + id);

		WebElement running = browser.section("Running");
		WebElement bar = running.findElement(By.tagName("progress"));
		assertThat(bar.getAttribute("value")).isEqualTo("30000");
		assertThat(bar.getAttribute("max")).isEqualTo("100000");
		assertThat(bar.getAttribute("aria-labelledby")).isEqualTo("job-phase");
		assertThat(browser.driver().findElement(By.id("job-phase")).getText())
			.isEqualTo("Generating PINs: 30,000 of 100,000 (30%)");
		// 30 % in 30 minutes: 70 minutes to go
		assertThat(running.getText()).contains("about 70 minutes left");
		browser.screenshot("job-progress");
		browser.open("/admin");
		assertThat(browser.section("Running now").getText()).contains("New PINs for all active users")
			.contains("about 70 minutes left");
	}

	@Test
	void aCancelledImportChangesNothing() throws Exception {
		Path file = csv(20);
		logIn();
		browser.open("/admin/users");

		try (HeldLock pinWrites = HeldLock.hold("pin-writes", this.locks, this.transactions)) {
			browser.field("CSV file").sendKeys(file.toString());
			browser.click("Import");
			browser.awaitSection("Running");
			browser.click("Cancel");
			await().atMost(Duration.ofSeconds(30))
				.ignoreExceptions()
				.until(() -> browser.section("Running").getText().contains("Cancelling"));
		}

		assertThat(browser.awaitSection("Cancelled").getText()).contains("nothing of it was changed");
		assertThat(this.api.get("/api/v1/users?q=csv").json().path("total").asInt()).isZero();
	}

	private static void logIn() {
		browser.open("/login");
		browser.newSession();
		browser.logIn("admin", TestApi.ADMIN_PASSWORD);
	}

	private static Path csv(int users) throws Exception {
		StringBuilder csv = new StringBuilder("username,email\n");
		for (int i = 0; i < users; i++) {
			csv.append(String.format("csv%04d,csv%04d@example.org%n", i, i));
		}
		Path file = Files.createTempFile("users", ".csv");
		Files.writeString(file, csv);
		return file;
	}

}
