package dev.pinwarden.job;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.pinwarden.support.ApiIntegrationTest;
import dev.pinwarden.support.OnPostgres;
import dev.pinwarden.support.TestApi;
import dev.pinwarden.support.TestApi.Response;

import static dev.pinwarden.support.UserMother.aUser;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the issue of long syncs asked, measured as it asked: while a sync of 100,000 new
 * users runs as a job, an administrator's "generate PIN" for another user answers within
 * 2 s in every phase, its PIN then opens the terminal, and a terminal opens for a PIN it
 * knows throughout.
 */
@OnPostgres
class SyncBesidePinWritesPostgresTests extends ApiIntegrationTest {

	private static final Set<String> ENDED = Set.of("succeeded", "failed", "cancelled");

	@Test
	void anAdminsGenerateAnswersWithinTwoSecondsAndATerminalOpensThroughoutA100000UserSync() {
		// the PINs are generated all the same; 100,000 mails would only load the test's
		// SMTP server
		assertThat(this.api.put("/api/v1/settings/pin", "{\"sendPinByEmail\":false}").status()).isEqualTo(200);
		long picked = this.api.post("/api/v1/users", aUser().named("picked").json()).json().path("id").asLong();
		assertThat(this.api.post("/api/v1/users", aUser().named("steady").withPin("80417263").json()).status())
			.isEqualTo(201);
		TestApi terminal = newTerminal();
		StringBuilder csv = new StringBuilder("username,email\n");
		for (int i = 0; i < 100_000; i++) {
			csv.append("user").append(i).append(",user").append(i).append("@example.org\n");
		}
		String location = this.api.preferringAsync()
			.send("POST", "/api/v1/sync/csv", csv.toString(), "text/csv")
			.header("Location");

		List<String> phasesSeen = new ArrayList<>();
		JsonNode job = this.api.get(location).json();
		while (!ENDED.contains(job.path("state").asString())) {
			long began = System.nanoTime();
			Response generated = this.api.post("/api/v1/users/" + picked + "/pin", "{}");
			long millis = (System.nanoTime() - began) / 1_000_000;
			job = this.api.get(location).json();
			String phase = job.path("state").asString() + " " + job.path("phase").asString();
			assertThat(generated.status()).as("%s: %s", phase, generated.text()).isEqualTo(200);
			assertThat(millis).as("generate during %s", phase).isLessThan(2000);
			assertThat(
					terminal.authenticate(generated.json().path("pin").asString()).json().path("username").asString())
				.isEqualTo("picked");
			assertThat(terminal.authenticate("80417263").json().path("username").asString()).isEqualTo("steady");
			phasesSeen.add(phase);
		}

		assertThat(job.path("state").asString()).as(job.toString()).isEqualTo("succeeded");
		assertThat(job.path("result").path("pinsGenerated").asInt()).isEqualTo(100_000);
		// while it wrote the PINs, not only before
		assertThat(phasesSeen).filteredOn((phase) -> phase.equals("running generating PINs")).hasSizeGreaterThan(3);
	}

}
