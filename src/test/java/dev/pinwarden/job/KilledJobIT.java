package dev.pinwarden.job;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.pinwarden.support.Database;
import dev.pinwarden.support.ServerProcesses;
import dev.pinwarden.support.TestApi.Response;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The built server, killed with SIGKILL in the middle of a CSV sync run as a job on
 * PostgreSQL, then another started on the same database: the job is failed as "the node
 * running it stopped" once its lease has run out, nothing of it was applied, the source's
 * lock is free for the next sync, and the sealed input the killed process left on disk is
 * deleted by the next start.
 */
class KilledJobIT {

	private static final int USERS = 50_000;

	private final ServerProcesses servers = new ServerProcesses();

	@AfterEach
	void stop() throws InterruptedException {
		this.servers.close();
	}

	@Test
	void aJobWhoseNodeWasKilledFailsWithNothingAppliedAndItsLockAndDiskFreed() throws Exception {
		Map<String, Object> instance = new HashMap<>(Database.POSTGRES.freshInstanceProperties("killed_job"));
		instance.put("pinwarden.jobs.lease", "5s");
		instance.put("pinwarden.jobs.lease-renewal", "1s");
		ServerProcesses.Server killed = this.servers.startJar(instance);
		String csv = "username,email,pin\n" + IntStream.rangeClosed(1, USERS)
			.mapToObj((i) -> "u" + i + ",u" + i + "@example.org," + (i == 1 ? "80417263" : ""))
			.collect(Collectors.joining("\n"));
		Response accepted = killed.admin().preferringAsync().send("POST", "/api/v1/sync/csv", csv, "text/csv");
		assertThat(accepted.status()).isEqualTo(202);
		String location = accepted.header("Location");
		Awaitility.await()
			.atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(10))
			.until(() -> killed.admin().get(location).json().path("done").asLong() > 0);
		List<Path> staged = stagedBy(killed.process().pid());
		assertThat(staged).hasSize(1);
		assertThat(Files.readString(staged.get(0), StandardCharsets.ISO_8859_1)).doesNotContain("80417263")
			.doesNotContain("u1@example.org");

		killed.kill();
		assertThat(count(instance, "select count(*) from job where state = 'running'")).isEqualTo(1);

		ServerProcesses.Server next = this.servers.startJar(instance);
		Awaitility.await()
			.atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> Files.notExists(staged.get(0)));
		JsonNode job = Awaitility.await()
			.atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> next.admin().get(location).json(),
					(answer) -> answer.path("state").asString().equals("failed"));
		assertThat(job.path("error").path("code").asString()).isEqualTo("node_stopped");
		assertThat(count(instance, "select count(*) from app_user")).isZero();
		assertThat(count(instance, "select count(*) from pin")).isZero();
		assertThat(count(instance, "select count(*) from mail_outbox")).isZero();

		// the source's lock went with the killed node's transaction
		Response again = next.admin()
			.send("POST", "/api/v1/sync/csv", "username,email\nu1,u1@example.org\nu2,u2@example.org", "text/csv");
		assertThat(again.status()).as(again.text()).isEqualTo(200);
		assertThat(again.json().path("created").asInt()).isEqualTo(2);
	}

	private static List<Path> stagedBy(long pid) throws Exception {
		try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
			return files.filter((file) -> file.getFileName().toString().startsWith("pinwarden-job-" + pid + "-"))
				.toList();
		}
	}

	private static long count(Map<String, Object> instance, String sql) throws Exception {
		try (Connection connection = DriverManager.getConnection((String) instance.get("spring.datasource.url"),
				"postgres", "postgres"); ResultSet rs = connection.createStatement().executeQuery(sql)) {
			rs.next();
			return rs.getLong(1);
		}
	}

}
