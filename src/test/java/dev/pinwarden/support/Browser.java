package dev.pinwarden.support;

import java.time.Duration;
import java.util.List;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven by Debian's chromedriver (nothing is downloaded),
 * with helpers that find things the way a person does: a field by its label, a button by
 * its text, a dialog by its role.
 */
public final class Browser implements AutoCloseable {

	/**
	 * Whether clicking this element sends its form or follows its link to a new page (not
	 * an htmx request; a form whose htmx trigger is not its submit, such as a live
	 * preview, is still sent by its buttons), and if so marks the page, so that its
	 * successor can be told from it.
	 */
	private static final String LEAVES_PAGE = """
			var e = arguments[0];
			var f = e.form;
			var trigger = f && f.getAttribute('hx-trigger');
			var htmxSends = !!f && (f.hasAttribute('hx-post') || f.hasAttribute('hx-get'))
			    && (!trigger || trigger.indexOf('submit') >= 0);
			var leaves = e.tagName === 'A'
			    ? !!e.getAttribute('href') && e.getAttribute('href').charAt(0) !== '#'
			    : e.type === 'submit' && !!f && !htmxSends;
			if (leaves) {
			  window.pinwardenBeforeClick = true;
			}
			return leaves;""";

	private final WebDriver driver;

	private final String baseUrl;

	public Browser(int port) {
		ChromeOptions options = new ChromeOptions();
		options.setBinary("/usr/bin/chromium");
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
				"--window-size=1200,900");
		ChromeDriverService service = new ChromeDriverService.Builder()
			.usingDriverExecutable(new java.io.File("/usr/bin/chromedriver"))
			.usingAnyFreePort()
			.build();
		this.driver = new ChromeDriver(service, options);
		this.driver.manage().timeouts().implicitlyWait(Duration.ofSeconds(3));
		this.baseUrl = "http://localhost:" + port;
	}

	public void open(String path) {
		this.driver.get(this.baseUrl + path);
	}

	public void newSession() {
		this.driver.manage().deleteAllCookies();
	}

	/** The form control labelled with this text. */
	public WebElement field(String label) {
		WebElement element = this.driver.findElement(By.xpath("//label[normalize-space()=" + literal(label) + "]"));
		return this.driver.findElement(By.id(element.getAttribute("for")));
	}

	public Browser type(String label, String text) {
		WebElement field = field(label);
		field.clear();
		field.sendKeys(text);
		return this;
	}

	/**
	 * Clicks the button or link with this text and, when it sends a form or follows a
	 * link, waits for the page it leads to: the page before still reads as loaded until
	 * the answer comes, so reading it at once could read the wrong page.
	 */
	public void click(String buttonOrLinkText) {
		By target = By.xpath("//button[normalize-space()=" + literal(buttonOrLinkText) + "] | //a[normalize-space()="
				+ literal(buttonOrLinkText) + "]");
		JavascriptExecutor script = (JavascriptExecutor) this.driver;
		boolean[] leaves = new boolean[1];
		// the page may still be giving way to the next one (a form just sent, an htmx
		// swap): then the element found is gone by the time it is clicked (Chromium says
		// so as stale, or as a node that "does not belong to the document"); a person
		// clicks again
		new WebDriverWait(this.driver, Duration.ofSeconds(10)).ignoring(StaleElementReferenceException.class)
			.until((d) -> {
				try {
					WebElement element = d.findElement(target);
					leaves[0] = Boolean.TRUE.equals(script.executeScript(LEAVES_PAGE, element));
					element.click();
					return true;
				}
				catch (WebDriverException ex) {
					if (ex.getMessage() != null && ex.getMessage().contains("does not belong to the document")) {
						return false;
					}
					throw ex;
				}
			});
		if (leaves[0]) {
			new WebDriverWait(this.driver, Duration.ofSeconds(10)).withMessage("the page after " + buttonOrLinkText)
				.until((d) -> Boolean.TRUE.equals(script.executeScript(
						"return window.pinwardenBeforeClick === undefined && document.readyState === 'complete'")));
		}
	}

	/** Logs in and waits until the page it leads to has loaded. */
	public void logIn(String username, String secret) {
		open("/login");
		type("Username", username).type("PIN or password", secret);
		click("Log in");
		new WebDriverWait(this.driver, Duration.ofSeconds(10)).until((d) -> !d.getCurrentUrl().endsWith("/login")
				&& "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
	}

	/** The address of the page shown. */
	public String url() {
		return this.driver.getCurrentUrl();
	}

	/**
	 * The page's heading, once the page has loaded (read again if it gave way meanwhile).
	 */
	public String heading() {
		return new WebDriverWait(this.driver, Duration.ofSeconds(10)).ignoring(StaleElementReferenceException.class)
			.until((d) -> "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState"))
					? d.findElement(By.tagName("h1")).getText() : null);
	}

	/** The open dialog, if any: found by its role, as assistive technology finds it. */
	public List<WebElement> dialogs() {
		return this.driver.findElements(By.xpath("//dialog[@open] | //*[@role='dialog']"));
	}

	/** The section under a heading with this text. */
	public WebElement section(String heading) {
		return this.driver.findElement(By.xpath("//section[.//h2[normalize-space()=" + literal(heading) + "]]"));
	}

	/**
	 * The section under a heading with this text, waited for while the page follows work
	 * that is still going on (a job's progress, polled).
	 */
	public WebElement awaitSection(String heading) {
		return new WebDriverWait(this.driver, Duration.ofSeconds(60)).ignoring(StaleElementReferenceException.class)
			.until((d) -> {
				List<WebElement> found = d
					.findElements(By.xpath("//section[.//h2[normalize-space()=" + literal(heading) + "]]"));
				return found.isEmpty() ? null : found.get(0);
			});
	}

	/** The page's text, once it has loaded. */
	public String text() {
		return new WebDriverWait(this.driver, Duration.ofSeconds(10)).ignoring(StaleElementReferenceException.class)
			.until((d) -> "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState"))
					? d.findElement(By.tagName("body")).getText() : null);
	}

	/** The page's text once it shows {@code expected}, waited for. */
	public String awaitText(String expected) {
		return new WebDriverWait(this.driver, Duration.ofSeconds(10)).ignoring(StaleElementReferenceException.class)
			.until((d) -> {
				String text = d.findElement(By.tagName("body")).getText();
				return text.contains(expected) ? text : null;
			});
	}

	public Object script(String script) {
		return ((JavascriptExecutor) this.driver).executeScript(script);
	}

	/** Saves what the browser shows, for the README and for looking at a failure. */
	public void screenshot(String name) {
		try {
			java.nio.file.Path dir = java.nio.file.Path.of("target", "screenshots");
			java.nio.file.Files.createDirectories(dir);
			byte[] png = ((org.openqa.selenium.TakesScreenshot) this.driver)
				.getScreenshotAs(org.openqa.selenium.OutputType.BYTES);
			java.nio.file.Files.write(dir.resolve(name + ".png"), png);
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	public WebDriver driver() {
		return this.driver;
	}

	private static String literal(String text) {
		return "'" + text.replace("'", "") + "'";
	}

	@Override
	public void close() {
		this.driver.quit();
	}

}
