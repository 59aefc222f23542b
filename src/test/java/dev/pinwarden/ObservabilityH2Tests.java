package dev.pinwarden;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;

import dev.pinwarden.support.ApiIntegrationTest;
import dev.pinwarden.support.DocText;
import dev.pinwarden.support.OnH2;
import dev.pinwarden.support.TestApi;
import dev.pinwarden.support.TestApi.Response;

import static dev.pinwarden.support.UserMother.aUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What an operator scrapes and reads: the Prometheus metrics move with what the server
 * does, and the OpenAPI description says which credentials each path takes.
 */
@OnH2
class ObservabilityH2Tests extends ApiIntegrationTest {

	@Test
	void terminalAuthenticationsAreCountedByOutcomeWithTheirLatency() {
		String pin = this.api.post("/api/v1/users", aUser().named("mira").json()).json().path("pin").asString();
		TestApi terminal = newTerminal();
		String ok = "pinwarden_terminal_authentications_seconds_count{outcome=\"ok\"}";
		String failed = "pinwarden_terminal_authentications_seconds_count{outcome=\"failed\"}";
		String invalidToken = "pinwarden_terminal_authentications_seconds_count{outcome=\"invalid_token\"}";
		double okBefore = metric(ok);
		double failedBefore = metric(failed);
		double invalidTokenBefore = metric(invalidToken);

		assertThat(terminal.authenticate(pin).status()).isEqualTo(200);
		assertThat(terminal.authenticate(pin).status()).isEqualTo(200);
		assertThat(terminal.authenticate(pin.equals("98765") ? "56789" : "98765").status()).isEqualTo(401);
		assertThat(TestApi.anonymous(this.port).withBearer("pwt_nope").authenticate(pin).status()).isEqualTo(401);

		assertThat(metric(ok) - okBefore).isEqualTo(2);
		assertThat(metric(failed) - failedBefore).isEqualTo(1);
		assertThat(metric(invalidToken) - invalidTokenBefore).isEqualTo(1);
		String scrape = scrape();
		assertThat(scrape).contains("pinwarden_terminal_authentications_seconds_bucket{outcome=\"ok\",le=");
		assertThat(scrape).contains("pinwarden_terminal_authentications_seconds_count{outcome=\"throttled\"}");
		// as a label value; the samples' numbers may contain any four digits by chance
		assertThat(scrape).doesNotContain("\"" + pin + "\"");
	}

	@Test
	void theOutboxDepthAndTheSendsAreMeasured() {
		String sent = "pinwarden_mail_dispatched_total{outcome=\"sent\"}";
		String queued = "pinwarden_mail_outbox{status=\"queued\"}";
		double sentBefore = metric(sent);
		this.smtp.stop();
		this.api.post("/api/v1/users", aUser().named("nils").json());
		this.api.post("/api/v1/users", aUser().named("oona").json());
		assertThat(metric(queued)).isEqualTo(2);

		this.smtp.up();
		this.smtp.awaitMessages(2);
		await().untilAsserted(() -> assertThat(metric(queued)).isZero());
		assertThat(metric(sent) - sentBefore).isEqualTo(2);
	}

	@Test
	void syncsAndRegenerationsAreTimed() {
		String csv = "pinwarden_sync_duration_seconds_count{outcome=\"done\",source=\"csv\"}";
		String regeneration = "pinwarden_pin_regeneration_seconds_count{outcome=\"done\"}";
		double csvBefore = metric(csv);
		double regenerationBefore = metric(regeneration);

		Response synced = this.api.send("POST", "/api/v1/sync/csv",
				"username,fullName,email\nula,Ula,ula@example.org\n", "text/csv");
		assertThat(synced.status()).isEqualTo(200);
		assertThat(this.api.post("/api/v1/pins/regenerate", "{}").status()).isEqualTo(200);

		assertThat(metric(csv) - csvBefore).isEqualTo(1);
		assertThat(metric(regeneration) - regenerationBefore).isEqualTo(1);
	}

	@Test
	void metricsAreForAdministratorsAndTheMetricsTokenOnly() {
		assertThat(TestApi.anonymous(this.port).get("/actuator/prometheus").status()).isEqualTo(401);
		String pin = this.api.post("/api/v1/users", aUser().named("vera").json()).json().path("pin").asString();
		assertThat(TestApi.anonymous(this.port).withBasic("vera", pin).get("/actuator/prometheus").status())
			.isEqualTo(403);

		TestApi scraper = TestApi.anonymous(this.port).withBearer(TestApi.METRICS_TOKEN);
		Response scraped = scraper.get("/actuator/prometheus");
		assertThat(scraped.status()).isEqualTo(200);
		assertThat(scraped.text()).contains("pinwarden_terminal_authentications_seconds_count");
		Response wrong = TestApi.anonymous(this.port)
			.withBearer(TestApi.METRICS_TOKEN + "x")
			.get("/actuator/prometheus");
		assertThat(wrong.status()).isEqualTo(401);
		assertThat(wrong.text()).contains("metrics token is not valid").doesNotContain(TestApi.METRICS_TOKEN);
		// the token opens the metrics, nothing else
		assertThat(scraper.get("/api/v1/users").status()).isEqualTo(401);
		assertThat(scraper.get("/api/v1/settings/pin").status()).isEqualTo(401);
	}

	/**
	 * The operations guide's Prometheus scrape: its metrics path, with the token as
	 * Prometheus sends a credentials file (a bearer token), answers with every metric the
	 * guide's table lists, once the server has done what each measures.
	 */
	@Test
	@SuppressWarnings("unchecked")
	void theGuidesScrapeFindsEveryMetricItsTableLists() {
		String section = DocText.section(DocText.read("docs/operations.md"), "## Monitoring and the API description");
		Map<String, Object> config = new Yaml().load(DocText.blocks(section, "yaml").get(0));
		Map<String, Object> job = ((List<Map<String, Object>>) config.get("scrape_configs")).get(0);
		assertThat(((Map<String, Object>) job.get("authorization"))).containsKey("credentials_file")
			.doesNotContainKey("type");
		List<String> metrics = Pattern.compile("(?m)^ *\\| `(pinwarden_\\w+)")
			.matcher(section)
			.results()
			.map((result) -> result.group(1))
			.toList();
		assertThat(metrics).hasSizeGreaterThanOrEqualTo(5);

		String pin = this.api.post("/api/v1/users", aUser().named("gwen").json()).json().path("pin").asString();
		assertThat(newTerminal().authenticate(pin).status()).isEqualTo(200);
		this.smtp.awaitMessages(1);
		assertThat(this.api
			.send("POST", "/api/v1/sync/csv", "username,fullName,email\nhal,Hal,hal@example.org\n", "text/csv")
			.status()).isEqualTo(200);
		assertThat(this.api.post("/api/v1/pins/regenerate", "{}").status()).isEqualTo(200);

		Response scraped = TestApi.anonymous(this.port)
			.withBearer(TestApi.METRICS_TOKEN)
			.get((String) job.get("metrics_path"));
		assertThat(scraped.status()).isEqualTo(200);
		// requests are measured as a whole, not each security filter on their way, and a
		// terminal's check once, in its own metric
		assertThat(scraped.text()).contains("http_server_requests_seconds_count")
			.contains("uri=\"/api/v1/users\"")
			.doesNotContain("spring_security_")
			.doesNotContain("uri=\"/api/v1/terminal/authenticate\"")
			.contains("pinwarden_terminal_authentications_seconds_count{outcome=\"ok\"}");
		for (String metric : metrics) {
			assertThat(scraped.text()).as("the scrape has %s", metric).containsPattern("(?m)^" + metric + "\\w*\\{");
		}
	}

	@Test
	void theApiIsDescribedWithTheCredentialsEachPathTakes() {
		TestApi anonymous = TestApi.anonymous(this.port);
		Response docs = anonymous.get("/v3/api-docs");
		assertThat(docs.status()).isEqualTo(200);
		JsonNode paths = docs.json().path("paths");
		assertThat(paths.has("/api/v1/users")).isTrue();
		assertThat(paths.has("/scim/v2/Users")).isTrue();
		assertThat(paths.has("/admin")).as("pages are not part of the API").isFalse();
		assertThat(security(paths, "/api/v1/terminal/authenticate", "post")).isEqualTo("terminal");
		// the terminal's body is read without @RequestBody, and described all the same
		JsonNode attempt = paths.path("/api/v1/terminal/authenticate")
			.path("post")
			.path("requestBody")
			.path("content")
			.path("application/json")
			.path("schema");
		String schema = attempt.path("$ref").asString().replace("#/components/schemas/", "");
		assertThat(docs.json().path("components").path("schemas").path(schema).path("properties").has("pin"))
			.as("the PIN attempt's schema %s", attempt)
			.isTrue();
		assertThat(security(paths, "/api/v1/users", "post")).isEqualTo("admin");
		assertThat(security(paths, "/api/v1/me/pin", "post")).isEqualTo("user");
		assertThat(security(paths, "/scim/v2/Users", "post")).isEqualTo("scim");
		assertThat(paths.path("/api/v1/pin-reset/request").path("post").path("security").isEmpty()).isTrue();

		Response ui = anonymous.get("/swagger-ui/index.html");
		assertThat(ui.status()).isEqualTo(200);
		assertThat(ui.text()).contains("swagger-ui");
	}

	private static String security(JsonNode paths, String path, String method) {
		return paths.path(path).path(method).path("security").get(0).propertyNames().iterator().next();
	}

	private String scrape() {
		Response scraped = this.api.get("/actuator/prometheus");
		assertThat(scraped.status()).isEqualTo(200);
		return scraped.text();
	}

	/** The value of one sample of the scrape; 0 when it is not there yet. */
	private double metric(String sample) {
		Matcher matcher = Pattern.compile("^" + Pattern.quote(sample) + " (\\S+)$", Pattern.MULTILINE)
			.matcher(scrape());
		return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
	}

}
