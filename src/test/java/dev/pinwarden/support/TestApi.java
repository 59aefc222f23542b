package dev.pinwarden.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small HTTP client for the tests: real requests over the loopback to the running
 * server, as a script or a terminal would make them.
 */
public final class TestApi {

	public static final String ADMIN_PASSWORD = "admin-test-password";

	/**
	 * {@link #ADMIN_PASSWORD} as the server stores it, to put {@code admin} back before
	 * each test: bcrypt at cost 4, since every administrator's request checks it and a
	 * test's password needs no strength (the server hashes new passwords at its own
	 * cost).
	 */
	public static final String ADMIN_PASSWORD_HASH = "{bcrypt}$2a$04$wor4GfSyT4LIfz6ntl.1xO0sDszlbGJLMLLewFIZjRcWAxrO3JDMi";

	public static final String METRICS_TOKEN = "metrics-test-token-0123456789";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newHttpClient();

	private final String baseUrl;

	private final String authorization;

	private final String prefer;

	private TestApi(String baseUrl, String authorization) {
		this(baseUrl, authorization, null);
	}

	private TestApi(String baseUrl, String authorization, String prefer) {
		this.baseUrl = baseUrl;
		this.authorization = authorization;
		this.prefer = prefer;
	}

	/** As the built-in administrator. */
	public static TestApi asAdmin(int port) {
		return new TestApi("http://localhost:" + port, basic("admin", ADMIN_PASSWORD));
	}

	public static TestApi anonymous(int port) {
		return new TestApi("http://localhost:" + port, null);
	}

	public TestApi withBasic(String username, String password) {
		return new TestApi(this.baseUrl, basic(username, password));
	}

	public TestApi withBearer(String token) {
		return withAuthorization("Bearer " + token);
	}

	/** The same caller, talking to the server on another port (another node). */
	public TestApi at(int port) {
		return new TestApi("http://localhost:" + port, this.authorization, this.prefer);
	}

	/** The same caller, asking for mass work to be answered as a job (RFC 7240). */
	public TestApi preferringAsync() {
		return new TestApi(this.baseUrl, this.authorization, "respond-async");
	}

	public TestApi withAuthorization(String authorization) {
		return new TestApi(this.baseUrl, authorization, this.prefer);
	}

	public Response get(String path) {
		return send("GET", path, null, null);
	}

	public Response post(String path, String json) {
		return send("POST", path, json, "application/json");
	}

	public Response put(String path, String json) {
		return send("PUT", path, json, "application/json");
	}

	public Response patch(String path, String json) {
		return send("PATCH", path, json, "application/json");
	}

	public Response delete(String path) {
		return send("DELETE", path, null, null);
	}

	public Response send(String method, String path, String body, String contentType) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.baseUrl + path))
			.method(method, (body != null) ? HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)
					: HttpRequest.BodyPublishers.noBody());
		if (contentType != null) {
			request.header("Content-Type", contentType);
		}
		if (this.authorization != null) {
			request.header("Authorization", this.authorization);
		}
		if (this.prefer != null) {
			request.header("Prefer", this.prefer);
		}
		try {
			HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			return new Response(response);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** Authenticates a PIN at the terminal API with this client's (terminal) token. */
	public Response authenticate(String pin) {
		return post("/api/v1/terminal/authenticate", "{\"pin\":\"" + pin + "\"}");
	}

	/** A card held to this (terminal) client's reader. */
	public Response tap(String card) {
		return post("/api/v1/terminal/authenticate", "{\"card\":\"" + card + "\"}");
	}

	/** A card held to the reader and a PIN typed with it. */
	public Response tap(String card, String pin) {
		return post("/api/v1/terminal/authenticate", "{\"card\":\"" + card + "\",\"pin\":\"" + pin + "\"}");
	}

	private static String basic(String username, String password) {
		return "Basic "
				+ Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

	/** An HTTP answer with its body parsed as JSON where it is JSON. */
	public record Response(int status, String text, HttpResponse<String> raw) {

		Response(HttpResponse<String> raw) {
			this(raw.statusCode(), raw.body(), raw);
		}

		public JsonNode json() {
			return JSON.readTree(this.text);
		}

		public String header(String name) {
			return this.raw.headers().firstValue(name).orElse(null);
		}

		/** The problem detail's stable code. */
		public String code() {
			return json().path("code").asString();
		}

	}

}
