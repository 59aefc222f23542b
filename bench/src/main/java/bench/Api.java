package bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The admin API of one running server, as JSON trees. Any answer but 2xx throws. */
final class Api {

	static final ObjectMapper JSON = new ObjectMapper();

	/** Syncs and regenerations answer when they are done: that can take minutes. */
	private static final Duration TIMEOUT = Duration.ofMinutes(20);

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	final String base;

	private final String basicAuth;

	Api(int port, String adminPassword) {
		this.base = "http://127.0.0.1:" + port;
		this.basicAuth = "Basic "
				+ Base64.getEncoder().encodeToString(("admin:" + adminPassword).getBytes(StandardCharsets.UTF_8));
	}

	JsonNode get(String path) throws IOException {
		return send("GET", path, "application/json", BodyPublishers.noBody());
	}

	JsonNode put(String path, Object body) throws IOException {
		return send("PUT", path, "application/json", json(body));
	}

	JsonNode post(String path, Object body) throws IOException {
		return send("POST", path, "application/json", json(body));
	}

	/** Streams the file as the body: large CSV files are never held in memory. */
	JsonNode postCsv(String path, Path csv) throws IOException {
		return send("POST", path, "text/csv", BodyPublishers.ofFile(csv));
	}

	/**
	 * A job's result and the seconds from sending its request to the moment the server
	 * says it finished.
	 */
	record Finished(JsonNode result, double seconds) {
	}

	/**
	 * A mass operation as a job ({@code Prefer: respond-async}): started, then polled once
	 * a second, as the job page does, until it ended; an exception if it did not succeed.
	 * Its time ends at the job's {@code finishedAt} (the server's clock is this machine's),
	 * not at the poll that saw it: a poll costs the server an administrator's bcrypt check,
	 * and polling often enough to time the job by its polls would slow the job down.
	 */
	Finished asJob(String path, String contentType, BodyPublisher body) throws IOException {
		Instant sent = Instant.now();
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.base + path))
			.timeout(TIMEOUT)
			.header("Authorization", this.basicAuth)
			.header("Content-Type", contentType)
			.header("Prefer", "respond-async")
			.POST(body)
			.build();
		HttpResponse<String> response;
		try {
			response = this.http.send(request, BodyHandlers.ofString());
			if (response.statusCode() != 202) {
				throw new IOException("POST " + path + " answered " + response.statusCode() + ": " + response.body());
			}
			return awaitJob(response.headers().firstValue("Location").orElseThrow(), sent);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("interrupted", ex);
		}
	}

	/**
	 * The users page's import, as a browser sends it: logged in through the login page,
	 * the file uploaded (multipart, streamed from disk) with the form's CSRF token, the
	 * job it started then polled through the API as {@link #asJob} does.
	 */
	Finished uploadCsvOnUsersPage(Path csv, String adminPassword) throws IOException {
		try {
			HttpResponse<String> login = this.http.send(
					HttpRequest.newBuilder(URI.create(this.base + "/login")).timeout(TIMEOUT).build(),
					BodyHandlers.ofString());
			String cookie = cookie(login);
			HttpResponse<String> loggedIn = this.http.send(HttpRequest.newBuilder(URI.create(this.base + "/login"))
				.timeout(TIMEOUT)
				.header("Cookie", cookie)
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(BodyPublishers.ofString("username=admin&secret="
						+ URLEncoder.encode(adminPassword, StandardCharsets.UTF_8) + "&_csrf="
						+ URLEncoder.encode(match(login.body(), "name=\"_csrf\" value=\"([^\"]+)\""),
								StandardCharsets.UTF_8)))
				.build(), BodyHandlers.ofString());
			cookie = cookie(loggedIn);
			HttpResponse<String> users = this.http.send(HttpRequest.newBuilder(URI.create(this.base + "/admin/users"))
				.timeout(TIMEOUT)
				.header("Cookie", cookie)
				.build(), BodyHandlers.ofString());
			String action = match(users.body(), "action=\"(/admin/users/import[^\"]*)\"").replace("&amp;", "&");
			String boundary = "bench" + System.nanoTime();
			Instant sent = Instant.now();
			HttpResponse<String> upload = this.http.send(HttpRequest.newBuilder(URI.create(this.base + action))
				.timeout(TIMEOUT)
				.header("Cookie", cookie)
				.header("Content-Type", "multipart/form-data; boundary=" + boundary)
				.POST(BodyPublishers.concat(
						BodyPublishers.ofString("--" + boundary
								+ "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"users.csv\"\r\n"
								+ "Content-Type: text/csv\r\n\r\n"),
						BodyPublishers.ofFile(csv), BodyPublishers.ofString("\r\n--" + boundary + "--\r\n")))
				.build(), BodyHandlers.ofString());
			String location = upload.headers().firstValue("Location").orElse("");
			if (upload.statusCode() != 302 || !location.matches(".*/admin/jobs/\\d+")) {
				throw new IOException("the users page's import answered " + upload.statusCode() + " to " + location);
			}
			return awaitJob("/api/v1/jobs/" + location.substring(location.lastIndexOf('/') + 1), sent);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("interrupted", ex);
		}
	}

	private Finished awaitJob(String location, Instant sent) throws IOException, InterruptedException {
		while (true) {
			JsonNode job = get(location);
			switch (job.path("state").asText()) {
				case "succeeded":
					Instant finished = Instant.parse(job.path("finishedAt").asText());
					return new Finished(job.path("result"), Duration.between(sent, finished).toNanos() / 1e9);
				case "failed", "cancelled":
					throw new IOException("job " + location + " ended " + job);
				default:
					Thread.sleep(1000);
			}
		}
	}

	private static String cookie(HttpResponse<?> response) throws IOException {
		return response.headers()
			.firstValue("Set-Cookie")
			.orElseThrow(() -> new IOException("no session cookie from " + response.uri()))
			.split(";", 2)[0];
	}

	private static String match(String html, String regex) throws IOException {
		Matcher matcher = Pattern.compile(regex).matcher(html);
		if (!matcher.find()) {
			throw new IOException("the page has no " + regex);
		}
		return matcher.group(1);
	}

	Finished postAsJob(String path, Object body) throws IOException {
		return asJob(path, "application/json", json(body));
	}

	Finished postCsvAsJob(String path, Path csv) throws IOException {
		return asJob(path, "text/csv", BodyPublishers.ofFile(csv));
	}

	/** The status of a POST with a bearer token instead of the admin's password. */
	int postAsBearer(String path, String token, Object body) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.base + path))
			.timeout(Duration.ofSeconds(30))
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "application/json")
			.POST(json(body))
			.build();
		return this.http.send(request, BodyHandlers.discarding()).statusCode();
	}

	/** The status of an unauthenticated GET, or -1 if nothing answers (yet). */
	int status(String path) {
		try {
			HttpRequest request = HttpRequest.newBuilder(URI.create(this.base + path))
				.timeout(Duration.ofSeconds(5))
				.build();
			return this.http.send(request, BodyHandlers.discarding()).statusCode();
		}
		catch (IOException ex) {
			return -1;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return -1;
		}
	}

	private JsonNode send(String method, String path, String contentType, BodyPublisher body) throws IOException {
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.base + path))
			.timeout(TIMEOUT)
			.header("Authorization", this.basicAuth)
			.header("Content-Type", contentType)
			.header("Accept", "application/json")
			.method(method, body)
			.build();
		HttpResponse<String> response;
		try {
			response = this.http.send(request, BodyHandlers.ofString());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("interrupted", ex);
		}
		if (response.statusCode() / 100 != 2) {
			throw new IOException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
		}
		return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
	}

	private static BodyPublisher json(Object body) throws IOException {
		return BodyPublishers.ofString(JSON.writeValueAsString(body));
	}

}
