package dev.pinwarden.job;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.pinwarden.support.ApiIntegrationTest;
import dev.pinwarden.support.OnPostgres;
import dev.pinwarden.support.TestApi;

import static dev.pinwarden.support.UserMother.aUser;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * While a 100,000-user CSV sync runs as a job, the rest of the system keeps answering: an
 * administrator's "generate PIN" for one user within 2 seconds, a terminal every time.
 */
@OnPostgres
class JobLockHoldPostgresTests extends ApiIntegrationTest {

	@Test
	void anAdminGeneratesAPinAndATerminalAuthenticatesDuringALargeSync() {
		long ann = this.api.post("/api/v1/users", aUser().named("ann").json()).json().path("id").asLong();
		String annPin = this.smtp.awaitPinMailedTo("ann@example.org");
		TestApi terminal = newTerminal();
		StringBuilder csv = new StringBuilder("username,email\n");
		for (int i = 0; i < 100_000; i++) {
			csv.append("bulk").append(i).append(",bulk").append(i).append("@example.org\n");
		}

		String job = this.api.preferringAsync()
			.send("POST", "/api/v1/sync/csv", csv.toString(), "text/csv")
			.header("Location");
		List<Long> generateMillis = new ArrayList<>();
		List<String> phases = new ArrayList<>();
		int authentications = 0;
		while (true) {
			String state = this.api.get(job).json().path("state").asString();
			if (!state.equals("queued") && !state.equals("running")) {
				assertThat(state).isEqualTo("succeeded");
				break;
			}
			phases.add(this.api.get(job).json().path("phase").asString());
			long started = System.nanoTime();
			TestApi.Response generated = this.api.post("/api/v1/users/" + ann + "/pin", "");
			generateMillis.add(Duration.ofNanos(System.nanoTime() - started).toMillis());
			assertThat(generated.status()).isEqualTo(200);
			annPin = generated.json().path("pin").asString();
			assertThat(terminal.authenticate(annPin).status()).isEqualTo(200);
			authentications++;
		}

		System.out.println("generate PIN during the sync, ms: " + generateMillis + " phases " + phases);
		assertThat(phases).contains("generating PINs");
		assertThat(authentications).isGreaterThan(3);
		assertThat(generateMillis).allSatisfy((millis) -> assertThat(millis).isLessThan(2000));
	}

}
