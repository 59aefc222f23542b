package dev.pinwarden.audit;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.pinwarden.support.ApiIntegrationTest;
import dev.pinwarden.support.TestApi;

import static dev.pinwarden.support.UserMother.aUser;
import static org.assertj.core.api.Assertions.assertThat;

/** The audit log records who did what, and never a secret. */
@ExtendWith(OutputCaptureExtension.class)
abstract class AuditLogTests extends ApiIntegrationTest {

	@Autowired
	AuditLog audit;

	@Test
	void pinEventsAreRecordedWithWhoDidThemAndWithoutThePin() {
		JsonNode created = this.api.post("/api/v1/users", aUser().named("tia").json()).json();
		long id = created.path("id").asLong();
		String generated = created.path("pin").asString();
		this.api.put("/api/v1/users/" + id + "/pin", "{\"pin\":\"80417362\"}");
		this.api.delete("/api/v1/users/" + id + "/pin");

		JsonNode page = this.api.get("/api/v1/audit?user=" + id).json();
		List<String> actions = page.path("items").valueStream().map((e) -> e.path("action").asString()).toList();
		assertThat(actions).containsExactly("pin.deleted", "pin.set", "user.created", "pin.generated");
		assertThat(page.path("items").get(0).path("actor").asString()).isEqualTo("admin:admin");
		String everything = this.api.get("/api/v1/audit?size=500").text();
		// as a number of its own: a 4-digit PIN may well be part of a timestamp
		assertThat(everything).doesNotContainPattern("(?<!\\d)" + generated + "(?!\\d)").doesNotContain("80417362");
	}

	@Test
	void settingsChangesShowTheOldAndNewValues() {
		this.api.put("/api/v1/settings/pin", "{\"minimalPinLength\":6}");
		JsonNode event = this.api.get("/api/v1/audit?action=settings.").json().path("items").get(0);
		assertThat(event.path("action").asString()).isEqualTo("settings.pin.changed");
		assertThat(event.path("details").asString()).contains("minimalPinLength=4")
			.contains("-> ")
			.contains("minimalPinLength=6");
	}

	@Test
	void terminalFailuresTokensTemplatesAndMassRegenerationsAreRecorded() {
		String pin = this.api.post("/api/v1/users", aUser().named("uwe").json()).json().path("pin").asString();
		TestApi terminal = newTerminal();
		terminal.authenticate(pin.equals("4831") ? "4832" : "4831");
		this.api.put("/api/v1/email-templates/new-pin", "{\"subject\":\"PIN\",\"body\":\"{{pin}}\"}");
		this.api.post("/api/v1/pins/regenerate", "{}");

		List<String> actions = this.api.get("/api/v1/audit?size=100")
			.json()
			.path("items")
			.valueStream()
			.map((e) -> e.path("action").asString())
			.toList();
		assertThat(actions).contains("terminal.registered", "terminal.auth.failed", "template.changed",
				"pin.generated");
		JsonNode regeneration = this.api.get("/api/v1/audit?action=pin.generated").json().path("items").get(0);
		assertThat(regeneration.path("details").asString()).isEqualTo("1 PINs generated (regeneration)");
	}

	@Test
	void manyWrongPinsAcrossTerminalsRaiseAnAlert(CapturedOutput output) {
		// past the window of an alert an earlier test raised on this server
		this.clock.advance(AuditLog.ALERT_WINDOW.plusMinutes(1));
		this.api.put("/api/v1/settings/security", "{\"terminalFailureBudget\":100}");
		String pin = this.api.post("/api/v1/users", aUser().named("wes").json()).json().path("pin").asString();
		String wrong = pin.equals("5555") ? "5556" : "5555";
		TestApi first = newTerminal();
		TestApi second = newTerminal();
		for (int i = 0; i < 99; i++) {
			(i % 2 == 0 ? first : second).authenticate(wrong);
		}
		assertThat(this.audit.terminalFailureAlert()).isFalse();
		second.authenticate(wrong);
		assertThat(this.audit.terminalFailureAlert()).isTrue();
		assertThat(output).contains("ALERT: 100 wrong PINs from all terminals together within 15 minutes");
	}

	@Test
	void onlyAdministratorsReadItAndBadFiltersAreRefused() {
		this.api.post("/api/v1/users", aUser().named("vea").withPin("66204817").json());
		assertThat(TestApi.anonymous(this.port).withBasic("vea", "66204817").get("/api/v1/audit").status())
			.isEqualTo(403);
		assertThat(this.api.get("/api/v1/audit?from=yesterday").json().path("field").asString()).isEqualTo("from");
		assertThat(this.api.get("/api/v1/audit?size=0").status()).isEqualTo(400);
		assertThat(this.api.get("/api/v1/audit?from=2020-01-01T00:00:00Z&to=2020-01-02T00:00:00Z")
			.json()
			.path("total")
			.asInt()).isZero();
	}

}
