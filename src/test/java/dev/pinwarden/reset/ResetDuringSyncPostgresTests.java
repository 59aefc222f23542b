package dev.pinwarden.reset;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.pinwarden.support.ApiIntegrationTest;
import dev.pinwarden.support.Burst;
import dev.pinwarden.support.FromAddress;
import dev.pinwarden.support.OnPostgres;
import dev.pinwarden.support.TestApi.Response;
import dev.pinwarden.support.UserMother;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reset requests are handled while a sync holds the users' rows: they never wait for it,
 * and neither holds up the other. Fifty users ask at once, each from a machine of their
 * own.
 */
@OnPostgres
class ResetDuringSyncPostgresTests extends ApiIntegrationTest {

	private static final int USERS = 20_000;

	@Autowired
	private DataSource dataSource;

	@Test
	void resetRequestsDoNotWaitForTheRowsASyncHolds() throws Exception {
		UserMother.insertUsers(new JdbcTemplate(this.dataSource), "held", 200, (i) -> true);
		try (Connection sync = this.dataSource.getConnection()) {
			// what a sync's transaction holds while it updates users: their rows
			sync.setAutoCommit(false);
			try (Statement statement = sync.createStatement()) {
				assertThat(statement
					.executeUpdate("update app_user set full_name = 'Renamed' where username like 'held-%'"))
					.isEqualTo(200);
			}
			List<Integer> answers = requestResets("held", 1);
			assertThat(answers).containsOnly(202);
			Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> resetCodes("held") == 50);
			sync.rollback();
		}
	}

	@Test
	void fiftyResetRequestsDuringATwentyThousandUserSyncBothFinish() throws Exception {
		UserMother.insertUsers(new JdbcTemplate(this.dataSource), "sync", USERS, (i) -> true);
		String csv = "username,fullName,email\n" + IntStream.rangeClosed(1, USERS)
			.mapToObj((i) -> "sync-" + i + ",Renamed " + i + ",sync-" + i + "@example.org")
			.collect(Collectors.joining("\n"));
		CompletableFuture<Response> syncing = CompletableFuture
			.supplyAsync(() -> this.api.send("POST", "/api/v1/sync/csv", csv, "text/csv"));
		// once the sync has begun to write users
		Awaitility.await()
			.atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(10))
			.until(() -> this.jdbc.sql("select count(*) from sync_run").query(Long.class).single() > 0
					|| syncing.isDone());

		assertThat(requestResets("sync", 101)).containsOnly(202);

		Response synced = syncing.get(120, TimeUnit.SECONDS);
		assertThat(synced.status()).isEqualTo(200);
		assertThat(synced.json().path("updated").asInt()).isEqualTo(USERS);
		Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> resetCodes("sync") == 50);
		assertThat(this.smtp.awaitMessages(50)).isNotNull();
	}

	/**
	 * Fifty users {@code prefix-first} on ask for a code, each from an address of their
	 * own.
	 */
	private List<Integer> requestResets(String prefix, int first) {
		List<Response> answers = Burst.send(50, 50, (i) -> {
			int status = FromAddress.of("127.0.1." + (i + 1), this.port)
				.postJson("/api/v1/pin-reset/request", "{\"login\":\"" + prefix + "-" + (first + i) + "\"}");
			return new Response(status, "", null);
		});
		return answers.stream().map(Response::status).toList();
	}

	private long resetCodes(String prefix) {
		return this.jdbc
			.sql("select count(*) from pin_reset r join app_user u on u.id = r.user_id where u.username like :prefix")
			.param("prefix", prefix + "-%")
			.query(Long.class)
			.single();
	}

}
