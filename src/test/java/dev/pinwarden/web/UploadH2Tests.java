package dev.pinwarden.web;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.pinwarden.support.ApiIntegrationTest;
import dev.pinwarden.support.OnH2;
import dev.pinwarden.support.TestApi;
import dev.pinwarden.support.UserMother;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Uploads: nobody but a logged-in administrator makes the server store one, and an
 * administrator's is read as it arrives, sealed, never on disk in clear. A servlet
 * container that parses multipart bodies itself writes each whole to a temporary file in
 * clear before any check can refuse it. The requests here announce a large body, send
 * part of it and wait for the answer or look at the disk meanwhile.
 */
@OnH2
class UploadH2Tests extends ApiIntegrationTest {

	private static final Path TEMP = Path.of(System.getProperty("java.io.tmpdir"));

	private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

	@Test
	void anUploadToThePagesWithoutASessionIsRefusedUnread() throws IOException {
		assertThat(statusOfAnUploadCutShort("/login", "")).matches("HTTP/1.1 (302|403) .*");
		assertThat(statusOfAnUploadCutShort("/forgot-pin", "")).matches("HTTP/1.1 (302|403) .*");
		assertThat(statusOfAnUploadCutShort("/admin/users/import", "")).matches("HTTP/1.1 (302|403) .*");
	}

	@Test
	void anUploadToTheApiIsRefusedUnread() throws IOException {
		assertThat(statusOfAnUploadCutShort("/api/v1/terminal/authenticate", "")).startsWith("HTTP/1.1 415");
		assertThat(statusOfAnUploadCutShort("/api/v1/sync/csv", "")).startsWith("HTTP/1.1 403");
		assertThat(statusOfAnUploadCutShort("/scim/v2/Users", "")).startsWith("HTTP/1.1 401");
	}

	@Test
	void aUserLoggedInCannotUpload() throws Exception {
		this.api.post("/api/v1/users", UserMother.aUser().named("upl-user").withPin("50718264").json());
		String cookie = logIn("upl-user", "50718264");
		String action = "/admin/users/import?_csrf=" + csrfToken(cookie, "/");
		assertThat(statusOfAnUploadCutShort(action, cookie)).startsWith("HTTP/1.1 403");
	}

	@Test
	void anAdministratorsUploadIsStagedSealedAsItArrivesAndImported() throws Exception {
		String cookie = logIn("admin", TestApi.ADMIN_PASSWORD);
		Matcher form = Pattern.compile("action=\"(/admin/users/import\\?_csrf=[^\"]+)\"")
			.matcher(get("/admin/users", cookie).body());
		assertThat(form.find()).as("the import form's action").isTrue();
		String action = form.group(1).replace("&amp;", "&");
		String pin = "58301946";
		String head = "--x\r\nContent-Disposition: form-data; name=\"file\"; filename=\"users.csv\"\r\n"
				+ "Content-Type: text/csv\r\n\r\n";
		// blank lines are skipped by the import: they make the body large enough to
		// be seen arriving
		String csv = "username,pin\nupl-zed," + pin + "\n" + "\n".repeat(256 * 1024);
		// the form's checkbox after its file: its value is read all the same
		String tail = "\r\n--x\r\nContent-Disposition: form-data; name=\"deactivateMissing\"\r\n\r\nfalse\r\n--x--\r\n";
		List<Path> before = stagedFiles();
		try (Socket socket = new Socket("localhost", this.port)) {
			socket.setSoTimeout(30_000);
			OutputStream out = socket.getOutputStream();
			int length = head.length() + csv.length() + tail.length();
			out.write(("POST " + action + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nCookie: " + cookie
					+ "\r\nContent-Type: multipart/form-data; boundary=x\r\nContent-Length: " + length + "\r\n\r\n"
					+ head + csv)
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();

			// the file is staged while the request is still open
			Path staged = await().atMost(Duration.ofSeconds(10))
				.until(() -> stagedFiles().stream()
					.filter((file) -> !before.contains(file) && size(file) >= csv.length() - 16 * 1024)
					.findFirst()
					.orElse(null), (file) -> file != null);
			assertThat(filesHolding(pin)).as("files holding the PIN in clear").isEmpty();

			out.write(tail.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
			assertThat(answer).startsWith("HTTP/1.1 302").containsPattern("Location: [^\r]*/admin/jobs/\\d+");
			await().atMost(Duration.ofSeconds(30)).until(() -> !Files.exists(staged));
		}
		assertThat(newTerminal().authenticate(pin).json().path("username").asString()).isEqualTo("upl-zed");
		assertThat(filesHolding(pin)).isEmpty();
	}

	@Test
	void aFormWithoutAFileIsToldSo() throws Exception {
		String cookie = logIn("admin", TestApi.ADMIN_PASSWORD);
		String action = "/admin/users/import?_csrf="
				+ URLEncoder.encode(csrfToken(cookie, "/admin/users"), StandardCharsets.UTF_8);
		HttpResponse<String> answer = this.http.send(HttpRequest.newBuilder(URI.create(url(action)))
			.header("Cookie", cookie)
			.header("Content-Type", "multipart/form-data; boundary=x")
			.POST(HttpRequest.BodyPublishers
				.ofString("--x\r\nContent-Disposition: form-data; name=\"deactivateMissing\"\r\n\r\ntrue\r\n--x--\r\n"))
			.build(), HttpResponse.BodyHandlers.ofString());
		// back on the users page, not at the form's address with its token
		assertThat(answer.statusCode()).isEqualTo(302);
		assertThat(answer.headers().firstValue("Location").orElse("")).endsWith("/admin/users");
		assertThat(get("/admin/users", cookie).body()).contains("Choose a CSV file to import");
	}

	/** The session cookie of this account, logged in through the login page. */
	private String logIn(String username, String secret) throws Exception {
		HttpResponse<String> page = get("/login", null);
		String cookie = page.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
		String body = "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&secret="
				+ URLEncoder.encode(secret, StandardCharsets.UTF_8) + "&_csrf="
				+ URLEncoder.encode(hiddenCsrf(page.body()), StandardCharsets.UTF_8);
		HttpResponse<String> loggedIn = this.http.send(HttpRequest.newBuilder(URI.create(url("/login")))
			.header("Cookie", cookie)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(loggedIn.headers().firstValue("Location").orElse("")).doesNotContain("error");
		return loggedIn.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
	}

	private String csrfToken(String cookie, String page) throws Exception {
		return hiddenCsrf(get(page, cookie).body());
	}

	private static String hiddenCsrf(String html) {
		Matcher token = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(html);
		assertThat(token.find()).as("a CSRF field").isTrue();
		return token.group(1);
	}

	private HttpResponse<String> get(String path, String cookie) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path)));
		if (cookie != null) {
			request.header("Cookie", cookie);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private String url(String path) {
		return "http://localhost:" + this.port + path;
	}

	private String statusOfAnUploadCutShort(String path, String cookie) throws IOException {
		try (Socket socket = new Socket("localhost", this.port)) {
			socket.setSoTimeout(5_000);
			OutputStream out = socket.getOutputStream();
			out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
					+ (cookie.isEmpty() ? "" : "Cookie: " + cookie + "\r\n")
					+ "Content-Type: multipart/form-data; boundary=x\r\nContent-Length: 100000000\r\n\r\n"
					+ "--x\r\nContent-Disposition: form-data; name=\"file\"; filename=\"users.csv\"\r\n"
					+ "Content-Type: text/csv\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			out.write(new byte[256 * 1024]);
			out.flush();
			// times out (and fails) if the server waits for the rest of the body
			return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
				.readLine();
		}
	}

	private static List<Path> stagedFiles() throws IOException {
		try (Stream<Path> files = Files.list(TEMP)) {
			return files.filter((file) -> file.getFileName().toString().startsWith("pinwarden-job-")).toList();
		}
	}

	/**
	 * The files of this JVM's temporary directory that an upload could be in (the staged
	 * files, the servlet container's directories) and that hold this text.
	 */
	private static List<Path> filesHolding(String text) throws IOException {
		byte[] needle = text.getBytes(StandardCharsets.US_ASCII);
		List<Path> holding = new ArrayList<>();
		try (Stream<Path> top = Files.list(TEMP)) {
			for (Path entry : top.filter((path) -> {
				String name = path.getFileName().toString();
				return name.startsWith("pinwarden-job-") || name.startsWith("tomcat");
			}).toList()) {
				try (Stream<Path> files = Files.walk(entry)) {
					for (Path file : files.filter(Files::isRegularFile).toList()) {
						if (contains(file, needle)) {
							holding.add(file);
						}
					}
				}
				catch (UncheckedIOException ex) {
					// gone meanwhile
				}
			}
		}
		return holding;
	}

	private static boolean contains(Path file, byte[] needle) {
		try {
			byte[] content = Files.readAllBytes(file);
			outer: for (int i = 0; i + needle.length <= content.length; i++) {
				for (int j = 0; j < needle.length; j++) {
					if (content[i + j] != needle[j]) {
						continue outer;
					}
				}
				return true;
			}
			return false;
		}
		catch (IOException ex) {
			// gone meanwhile, or not this process's
			return false;
		}
	}

	private static long size(Path file) {
		try {
			return Files.size(file);
		}
		catch (IOException ex) {
			return -1;
		}
	}

}
