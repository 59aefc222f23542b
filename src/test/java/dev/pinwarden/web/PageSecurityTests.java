package dev.pinwarden.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import dev.pinwarden.support.ApiIntegrationTest;
import dev.pinwarden.support.OnH2;
import dev.pinwarden.support.TestApi;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pages' security headers, cookie and CSRF protection, seen from a plain HTTP client.
 */
@OnH2
class PageSecurityTests extends ApiIntegrationTest {

	private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

	@Test
	void pagesSendAStrictContentSecurityPolicyAndMayNotBeFramed() throws Exception {
		HttpResponse<String> login = get("/login");
		assertThat(login.statusCode()).isEqualTo(200);
		String csp = login.headers().firstValue("Content-Security-Policy").orElse("");
		assertThat(csp).contains("script-src 'self'")
			.contains("frame-ancestors 'none'")
			.doesNotContain("unsafe-inline");
		assertThat(login.headers().firstValue("X-Frame-Options")).contains("DENY");
		assertThat(login.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
		assertThat(login.body()).contains("name=\"_csrf\"").doesNotContain("<script>").doesNotContain("https://");
	}

	@Test
	void theSessionCookieIsHttpOnlyAndSameSiteStrict() throws Exception {
		HttpResponse<String> login = get("/login");
		String cookie = login.headers().firstValue("Set-Cookie").orElse("");
		assertThat(cookie).startsWith("JSESSIONID=").contains("HttpOnly").contains("SameSite=Strict");
	}

	@Test
	void aFormPostWithoutItsCsrfTokenIsRefused() throws Exception {
		HttpResponse<String> forged = this.http.send(HttpRequest.newBuilder(URI.create(url("/login")))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("username=admin&secret=" + TestApi.ADMIN_PASSWORD))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(forged.statusCode()).isEqualTo(403);
	}

	@Test
	void pagesNeedALoginAndAdministrationAnAdministrator() throws Exception {
		HttpResponse<String> admin = get("/admin/settings/authentication");
		assertThat(admin.statusCode()).isEqualTo(302);
		assertThat(admin.headers().firstValue("Location").orElse("")).endsWith("/login");
		assertThat(get("/webjars/htmx.org/2.0.10/dist/htmx.min.js").statusCode()).isEqualTo(200);
	}

	private HttpResponse<String> get(String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create(url(path))).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private String url(String path) {
		return "http://localhost:" + this.port + path;
	}

}
