package dev.pinwarden.job;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import dev.pinwarden.jdbc.JobLocks;
import dev.pinwarden.support.ApiIntegrationTest;
import dev.pinwarden.support.HeldLock;
import dev.pinwarden.support.TestApi;
import dev.pinwarden.support.TestApi.Response;

import static dev.pinwarden.support.UserMother.aUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Mass work as jobs: answered at once, followed to the same report a synchronous call
 * gives, cancelled with nothing of it applied, its staged input sealed and gone with it,
 * and failed when its node stopped.
 */
abstract class JobTests extends ApiIntegrationTest {

	private static final Set<String> ENDED = Set.of("succeeded", "failed", "cancelled");

	@Autowired
	private JobLocks locks;

	@Autowired
	private TransactionTemplate transactions;

	@Autowired
	private Jobs jobs;

	@Test
	void aCsvSyncStartedAsAJobAnswersAtOnceAndEndsWithTheReportOfASynchronousSync() {
		StringBuilder csv = new StringBuilder("username,email\n");
		for (int i = 0; i < 2500; i++) {
			csv.append("user").append(i).append(",user").append(i).append("@example.org\n");
		}
		csv.append("broken,not-an-address\n");

		Response accepted = this.api.preferringAsync().send("POST", "/api/v1/sync/csv", csv.toString(), "text/csv");

		assertThat(accepted.status()).isEqualTo(202);
		assertThat(accepted.header("Preference-Applied")).isEqualTo("respond-async");
		String location = accepted.header("Location");
		assertThat(location).isEqualTo("/api/v1/jobs/" + accepted.json().path("id").asLong());
		assertThat(accepted.json().path("kind").asString()).isEqualTo("csv-sync");
		assertThat(accepted.json().path("state").asString()).isIn("queued", "running");

		JsonNode job = awaitEnd(location);
		assertThat(job.path("state").asString()).isEqualTo("succeeded");
		assertThat(job.path("startedAt").asString()).isNotEmpty();
		assertThat(job.path("finishedAt").asString()).isNotEmpty();
		assertThat(job.path("phase").asString()).isEqualTo("generating PINs");
		assertThat(job.path("done").asLong()).isEqualTo(2500);
		JsonNode report = job.path("result");
		assertThat(report.path("created").asInt()).isEqualTo(2500);
		assertThat(report.path("pinsGenerated").asInt()).isEqualTo(2500);
		assertThat(report.path("errors").get(0).path("line").asInt()).isEqualTo(2502);

		String pin = this.smtp.awaitPinMailedTo("user1234@example.org");
		assertThat(newTerminal().authenticate(pin).json().path("username").asString()).isEqualTo("user1234");
		assertThat(this.api.get("/api/v1/jobs?state=succeeded").json().path("items").get(0).path("id").asLong())
			.isEqualTo(job.path("id").asLong());
		assertThat(this.api.get("/api/v1/jobs?state=running").json().path("items")).isEmpty();
		// the same call without the preference answers as it always did
		Response synchronous = this.api.send("POST", "/api/v1/sync/csv", "username,email\nlate,late@example.org\n",
				"text/csv");
		assertThat(synchronous.status()).isEqualTo(200);
		assertThat(synchronous.json().path("created").asInt()).isEqualTo(1);
	}

	@Test
	void aCancelledSyncLeavesUsersPinsAndMailAsTheyWereAndItsSealedInputIsGone() throws Exception {
		this.api.post("/api/v1/users", aUser().named("kept").json());
		String keptPin = this.smtp.awaitPinMailedTo("kept@example.org");
		long queuedBefore = outboxRows();
		Set<Path> stagedBefore = stagedFiles();
		// a pin column: the staged input holds PINs, and must hold none in clear
		String csv = "username,fullName,email,pin\nkept,Kept Renamed,kept@example.org,\n"
				+ "newcomer,New Comer,new@example.org,\nimported,Imp Orted,imp@example.org,80417362\n";

		Response accepted;
		try (HeldLock pinWrites = holdLock("pin-writes")) {
			accepted = this.api.preferringAsync().send("POST", "/api/v1/sync/csv", csv, "text/csv");
			String location = accepted.header("Location");
			awaitJob(location, (job) -> job.path("state").asString().equals("running"));

			List<Path> staged = new ArrayList<>(stagedFiles());
			staged.removeAll(stagedBefore);
			assertThat(staged).hasSize(1);
			String sealed = new String(Files.readAllBytes(staged.get(0)), StandardCharsets.ISO_8859_1);
			assertThat(sealed).doesNotContain("80417362").doesNotContain("newcomer");

			Response cancelling = this.api.post(location + "/cancel", "");
			assertThat(cancelling.status()).isEqualTo(200);
			assertThat(cancelling.json().path("state").asString()).isEqualTo("running");
		}

		JsonNode job = awaitEnd(accepted.header("Location"));
		assertThat(job.path("state").asString()).isEqualTo("cancelled");
		assertThat(job.path("result").isNull()).isTrue();
		assertThat(this.api.get("/api/v1/users?q=newcomer").json().path("items")).isEmpty();
		assertThat(this.api.get("/api/v1/users?q=imported").json().path("items")).isEmpty();
		assertThat(this.api.get("/api/v1/users?q=kept").json().path("items").get(0).path("fullName").asString())
			.isEqualTo("Jane Doe");
		assertThat(outboxRows()).isEqualTo(queuedBefore);
		TestApi terminal = newTerminal();
		assertThat(terminal.authenticate(keptPin).status()).isEqualTo(200);
		assertThat(terminal.authenticate("80417362").status()).isEqualTo(401);
		assertThat(stagedFiles()).isEqualTo(stagedBefore);
		assertThat(this.api.post(accepted.header("Location") + "/cancel", "").code()).isEqualTo("job_finished");
		// the run record says so, and the source is free for the next run
		assertThat(this.api.get("/api/v1/sync/runs").json().get(0).path("status").asString()).isEqualTo("failed");
		assertThat(this.api.send("POST", "/api/v1/sync/csv", csv, "text/csv").json().path("created").asInt())
			.isEqualTo(2);
	}

	@Test
	void aRegenerationAsAJobCountsItsUsersAndACancelledOneKeepsEveryOldPin() throws Exception {
		for (int i = 0; i < 3; i++) {
			this.api.post("/api/v1/users", aUser().named("reg" + i).json());
		}
		String oldPin = this.smtp.awaitPinMailedTo("reg1@example.org");
		this.smtp.purge();
		TestApi terminal = newTerminal();
		TestApi async = this.api.preferringAsync();
		long mailBefore = outboxRows();

		String cancelled;
		try (HeldLock pinWrites = holdLock("pin-writes")) {
			cancelled = async.post("/api/v1/pins/regenerate", "{}").header("Location");
			awaitJob(cancelled, (job) -> job.path("state").asString().equals("running"));
			this.api.post(cancelled + "/cancel", "");
		}
		assertThat(awaitEnd(cancelled).path("state").asString()).isEqualTo("cancelled");
		assertThat(terminal.authenticate(oldPin).status()).isEqualTo(200);
		assertThat(outboxRows()).isEqualTo(mailBefore);

		Response accepted = async.post("/api/v1/pins/regenerate", "{\"usersWithoutEmail\":\"keep\"}");
		assertThat(accepted.status()).isEqualTo(202);
		JsonNode job = awaitEnd(accepted.header("Location"));
		assertThat(job.path("kind").asString()).isEqualTo("regeneration");
		assertThat(job.path("state").asString()).isEqualTo("succeeded");
		assertThat(job.path("total").asLong()).isEqualTo(3);
		assertThat(job.path("done").asLong()).isEqualTo(3);
		assertThat(job.path("result").path("regenerated").asInt()).isEqualTo(3);
		String newPin = this.smtp.awaitPinMailedTo("reg1@example.org");
		assertThat(terminal.authenticate(newPin).json().path("username").asString()).isEqualTo("reg1");
		assertThat(terminal.authenticate(oldPin).status()).isEqualTo(401);
		// the jobs' outcomes, durations and progress are in the metrics
		String metrics = TestApi.anonymous(this.port)
			.withBearer(TestApi.METRICS_TOKEN)
			.get("/actuator/prometheus")
			.text();
		assertThat(metrics)
			.containsPattern(
					"pinwarden_jobs_seconds_count\\{[^}]*kind=\"regeneration\",outcome=\"succeeded\"[^}]*\\} [1-9]")
			.containsPattern(
					"pinwarden_jobs_seconds_count\\{[^}]*kind=\"regeneration\",outcome=\"cancelled\"[^}]*\\} [1-9]")
			.containsPattern("pinwarden_jobs_progress\\{[^}]*kind=\"regeneration\"")
			.contains("pinwarden_jobs_running");
	}

	@Test
	void aJobThatCannotDoItsWorkFailsWithTheErrorTheRequestWouldHaveAnswered() {
		JsonNode job = awaitEnd(this.api.preferringAsync()
			.send("POST", "/api/v1/sync/csv", "name,mail\nx,x@example.org\n", "text/csv")
			.header("Location"));

		assertThat(job.path("state").asString()).isEqualTo("failed");
		assertThat(job.path("error").path("code").asString()).isEqualTo("csv_invalid");
		assertThat(job.path("error").path("message").asString()).contains("username");
		assertThat(this.api.get("/api/v1/users?q=x").json().path("items")).isEmpty();
		// what cannot even begin is refused before any job
		Response ldap = this.api.preferringAsync().post("/api/v1/sync/ldap/run", "");
		assertThat(ldap.status()).isEqualTo(this.api.post("/api/v1/sync/ldap/run", "").status()).isEqualTo(400);
		assertThat(ldap.code()).isEqualTo("ldap_not_configured");
		assertThat(this.api.get("/api/v1/jobs").json().path("items")).hasSize(1);
	}

	@Test
	void aJobWhoseNodeStoppedIsFailedOnceItsLeaseRunsOutAndRunningJobsKeepTheirs() throws Exception {
		long abandoned = this.jdbc.sql("""
				insert into job (kind, state, phase, done, node, lease_until, cancel_requested, created_at, started_at)
				values ('csv-sync', 'running', 'reading', 4000, 'a-node-that-died', :lease, false, :now, :now)""")
			.param("lease", Timestamp.from(this.clock.instant().plusSeconds(30)))
			.param("now", Timestamp.from(this.clock.instant()))
			.update();
		assertThat(abandoned).isEqualTo(1);
		long id = this.api.get("/api/v1/jobs").json().path("items").get(0).path("id").asLong();

		try (HeldLock pinWrites = holdLock("pin-writes")) {
			String running = this.api.preferringAsync().post("/api/v1/pins/regenerate", "{}").header("Location");
			awaitJob(running, (job) -> job.path("state").asString().equals("running"));

			assertThat(this.jobs.failAbandoned()).isZero();
			// past the dead node's lease and this node's own: a node never fails the
			// jobs it is running
			this.clock.advance(Duration.ofMinutes(5));
			assertThat(this.jobs.failAbandoned()).isEqualTo(1);

			JsonNode failed = this.api.get("/api/v1/jobs/" + id).json();
			assertThat(failed.path("state").asString()).isEqualTo("failed");
			assertThat(failed.path("error").path("code").asString()).isEqualTo("node_stopped");
			assertThat(failed.path("error").path("message").asString()).contains("the node running it stopped");
			assertThat(this.api.get(running).json().path("state").asString()).isEqualTo("running");
			assertThat(this.api.get("/api/v1/jobs?state=running").json().path("items")).hasSize(1);
			assertThat(this.api.post("/api/v1/jobs/" + id + "/cancel", "").status()).isEqualTo(409);
			this.api.post(running + "/cancel", "");
			pinWrites.close();
			assertThat(awaitEnd(running).path("state").asString()).isEqualTo("cancelled");
		}
	}

	@Test
	void aJobFailedAsAbandonedWhileItWasInFactStillRunningAppliesNothing() throws Exception {
		this.api.post("/api/v1/users", aUser().named("slow").json());
		String oldPin = this.smtp.awaitPinMailedTo("slow@example.org");
		TestApi terminal = newTerminal();

		String location;
		try (HeldLock pinWrites = holdLock("pin-writes")) {
			location = this.api.preferringAsync().post("/api/v1/pins/regenerate", "{}").header("Location");
			awaitJob(location, (job) -> job.path("state").asString().equals("running"));
			// what another node does when this one's lease has run out
			this.jdbc.sql("""
					update job set state = 'failed', finished_at = :now, error_code = 'node_stopped'
					where id = :id""")
				.param("now", Timestamp.from(this.clock.instant()))
				.param("id", Long.parseLong(location.substring(location.lastIndexOf('/') + 1)))
				.update();
		}

		await().atMost(Duration.ofSeconds(10)).until(() -> this.jobs.runningHere() == 0);
		assertThat(this.api.get(location).json().path("error").path("code").asString()).isEqualTo("node_stopped");
		assertThat(terminal.authenticate(oldPin).status()).isEqualTo(200);
	}

	@Test
	void aJobWhoseWorkIsCommittingCanNoLongerBeCancelledNorFailedAsIfNothingWasApplied() {
		Timestamp now = Timestamp.from(this.clock.instant());
		for (String node : List.of("a-node-that-died", "another-node")) {
			this.jdbc.sql("""
					insert into job (kind, state, phase, done, node, lease_until, cancel_requested, committing,
					  created_at, started_at)
					values ('csv-sync', 'running', 'generating PINs', 100, :node, :lease, false, true, :now, :now)""")
				.param("node", node)
				.param("lease", Timestamp.from(this.clock.instant().plusSeconds(30)))
				.param("now", now)
				.update();
		}
		List<Long> ids = this.api.get("/api/v1/jobs")
			.json()
			.path("items")
			.valueStream()
			.map((job) -> job.path("id").asLong())
			.toList();

		Response cancel = this.api.post("/api/v1/jobs/" + ids.get(0) + "/cancel", "");
		assertThat(cancel.status()).isEqualTo(409);
		assertThat(cancel.code()).isEqualTo("job_finished");
		assertThat(cancel.text()).contains("applying its work");

		this.clock.advance(Duration.ofMinutes(5));
		assertThat(this.jobs.failAbandoned()).isEqualTo(2);
		assertThat(this.api.get("/api/v1/jobs/" + ids.get(1)).json().path("error").path("message").asString())
			.contains("after its work was applied")
			.doesNotContain("nothing of it was applied");
	}

	@Test
	void endedJobsAreKeptThirtyDaysThenDeleted() {
		JsonNode job = awaitEnd(this.api.preferringAsync().post("/api/v1/pins/regenerate", "{}").header("Location"));
		this.clock.advance(Duration.ofDays(29));
		assertThat(this.jobs.deleteEnded()).isZero();
		this.clock.advance(Duration.ofDays(2));
		assertThat(this.jobs.deleteEnded()).isEqualTo(1);
		assertThat(this.api.get("/api/v1/jobs/" + job.path("id").asLong()).status()).isEqualTo(404);
	}

	@Test
	void unknownJobsAndStatesAreClearErrors() {
		Response missing = this.api.get("/api/v1/jobs/987654");
		assertThat(missing.status()).isEqualTo(404);
		assertThat(missing.code()).isEqualTo("job_not_found");
		assertThat(this.api.post("/api/v1/jobs/987654/cancel", "").status()).isEqualTo(404);
		Response badState = this.api.get("/api/v1/jobs?state=done");
		assertThat(badState.status()).isEqualTo(400);
		assertThat(badState.text()).contains("queued, running, succeeded, failed, cancelled");
		assertThat(this.api.get("/api/v1/jobs/abc").status()).isEqualTo(400);
		assertThat(TestApi.anonymous(this.port).get("/api/v1/jobs").status()).isEqualTo(401);
	}

	private JsonNode awaitEnd(String location) {
		JsonNode[] last = new JsonNode[1];
		awaitJob(location, (job) -> {
			last[0] = job;
			return ENDED.contains(job.path("state").asString());
		});
		// a later test must not meet this job's work still running
		await().atMost(Duration.ofSeconds(10)).until(() -> this.jobs.runningHere() == 0);
		return last[0];
	}

	private void awaitJob(String location, java.util.function.Predicate<JsonNode> condition) {
		await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(20))
			.until(() -> condition.test(this.api.get(location).json()));
	}

	private long outboxRows() {
		return this.jdbc.sql("select count(*) from mail_outbox").query(Long.class).single();
	}

	private static Set<Path> stagedFiles() throws IOException {
		Set<Path> files = new java.util.HashSet<>();
		try (DirectoryStream<Path> dir = Files.newDirectoryStream(Path.of(System.getProperty("java.io.tmpdir")),
				"pinwarden-job-*.staged")) {
			dir.forEach(files::add);
		}
		return files;
	}

	private HeldLock holdLock(String name) throws InterruptedException {
		return HeldLock.hold(name, this.locks, this.transactions);
	}

}
