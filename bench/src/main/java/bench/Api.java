package bench;

import java.io.IOException;
import java.net.URI;
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
			String location = response.headers().firstValue("Location").orElseThrow();
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
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("interrupted", ex);
		}
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
