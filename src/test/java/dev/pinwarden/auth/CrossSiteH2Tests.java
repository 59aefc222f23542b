package dev.pinwarden.auth;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import dev.pinwarden.support.ApiIntegrationTest;
import dev.pinwarden.support.OnH2;
import dev.pinwarden.support.TestApi;

import static dev.pinwarden.support.UserMother.aUser;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Credentials a browser keeps for HTTP Basic cannot be used by another site's page: what
 * such a page can make the browser send is refused, and nothing changes.
 */
@OnH2
class CrossSiteH2Tests extends ApiIntegrationTest {

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void aStateChangingRequestFromAnotherOriginIsRefused() throws Exception {
		HttpResponse<String> answer = send(
				request("/api/v1/users", "application/json").header("Origin", "https://evil.example"));
		assertThat(answer.statusCode()).isEqualTo(403);
		assertThat(answer.body()).contains("\"code\":\"cross_site\"").contains("evil.example");
		assertThat(users()).isZero();
	}

	@Test
	void anotherSchemeOrPortOfThisHostIsAnotherOrigin() throws Exception {
		assertThat(send(request("/api/v1/users", "application/json").header("Origin", "https://localhost:" + this.port))
			.statusCode()).isEqualTo(403);
		assertThat(
				send(request("/api/v1/users", "application/json").header("Origin", "http://localhost:1")).statusCode())
			.isEqualTo(403);
		assertThat(send(request("/api/v1/users", "application/json").header("Origin", "null")).statusCode())
			.isEqualTo(403);
		assertThat(users()).isZero();
	}

	@Test
	void aBrowserSayingCrossSiteIsRefused() throws Exception {
		HttpResponse<String> answer = send(
				request("/api/v1/users", "application/json").header("Sec-Fetch-Site", "cross-site"));
		assertThat(answer.statusCode()).isEqualTo(403);
		assertThat(answer.body()).contains("\"code\":\"cross_site\"");
		assertThat(users()).isZero();
	}

	@Test
	void formContentTypesAreRefusedWhereJsonOrCsvIsTaken() throws Exception {
		for (String type : new String[] { "text/plain", "application/x-www-form-urlencoded",
				"multipart/form-data; boundary=x" }) {
			assertThat(send(request("/api/v1/users", type)).statusCode()).as(type).isEqualTo(403);
			assertThat(send(request("/api/v1/sync/csv", type)).statusCode()).as(type).isEqualTo(403);
		}
		assertThat(users()).isZero();
	}

	@Test
	void theServersOwnOriginAndToolsWithoutOneAreLetIn() throws Exception {
		assertThat(send(request("/api/v1/users", "application/json").header("Origin", "http://localhost:" + this.port)
			.header("Sec-Fetch-Site", "same-origin")).statusCode()).isEqualTo(201);
		assertThat(this.api.post("/api/v1/users", aUser().named("tool").json()).status()).isEqualTo(201);
		// behind a proxy, the public URL's origin is the server's too
		assertThat(send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/api/v1/users"))
			.header("Authorization", basic())
			.header("Content-Type", "application/json")
			.header("Origin", "https://print.example.org")
			.POST(HttpRequest.BodyPublishers.ofString(aUser().named("proxied").json()))).statusCode()).isEqualTo(201);
		// reading is not changing: a browser does not show another site the answer
		assertThat(send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/api/v1/users"))
			.header("Authorization", basic())
			.header("Origin", "https://evil.example")
			.GET()).statusCode()).isEqualTo(200);
	}

	private HttpRequest.Builder request(String path, String contentType) {
		return HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.header("Authorization", basic())
			.header("Content-Type", contentType)
			.POST(HttpRequest.BodyPublishers.ofString(aUser().named("victim").json()));
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static String basic() {
		return "Basic " + java.util.Base64.getEncoder().encodeToString(("admin:" + TestApi.ADMIN_PASSWORD).getBytes());
	}

	private long users() {
		return this.jdbc.sql("select count(*) from app_user").query(Long.class).single();
	}

}
