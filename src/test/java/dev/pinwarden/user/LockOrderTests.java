package dev.pinwarden.user;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import dev.pinwarden.support.ApiIntegrationTest;
import dev.pinwarden.support.HeldLock;
import dev.pinwarden.support.TestApi;
import dev.pinwarden.support.TestApi.Response;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Writers of users and PINs that meet on one user, a hundred rounds each: each pair
 * finishes without a deadlock (PostgreSQL reports one, H2 waits for its lock timeout) or
 * a failure, and with what one order of the two would have left, nothing of either lost.
 * The lock order they keep is written down in {@link dev.pinwarden.jdbc.JobLocks}.
 */
abstract class LockOrderTests extends ApiIntegrationTest {

	private static final String SCIM_JSON = "application/scim+json";

	@Autowired
	private SelfService selfService;

	@Autowired
	private UserService users;

	@Autowired
	private TransactionTemplate transactions;

	private ExecutorService pool;

	private TestApi terminal;

	private volatile long lastFirst;

	private volatile long lastSecond;

	/** How many times each pair meets. */
	abstract int rounds();

	@BeforeEach
	void twoThreads() {
		this.pool = Executors.newFixedThreadPool(2);
		this.terminal = newTerminal();
	}

	@AfterEach
	void stop() {
		this.pool.shutdownNow();
	}

	@Test
	void aUserDeletedWhileASyncWritesItAndANewUser() {
		for (int round = 0; round < rounds(); round++) {
			String leaving = "leaving-" + round;
			String joining = "joining-" + round;
			assertThat(sync(leaving + ",Leaving," + leaving + "@example.org").status()).isEqualTo(200);
			long id = idOf(leaving);

			Pair<Response, Response> answers = together(() -> this.api.delete("/api/v1/users/" + id), () -> sync(leaving
					+ ",Renamed," + leaving + "@example.org\n" + joining + ",Joining," + joining + "@example.org"));

			assertThat(answers.first().status()).as("delete in round %d: %s", round, answers.first().text())
				.isEqualTo(204);
			assertThat(answers.second().status()).as("sync in round %d: %s", round, answers.second().text())
				.isEqualTo(200);
			assertThat(this.api.get("/api/v1/users/" + id).status()).isEqualTo(404);
			// deleted after the sync, or created again by it (then with a PIN)
			List<Long> again = ids(leaving);
			assertThat(again).allSatisfy((other) -> assertThat(hasPin(other)).isTrue());
			assertThat(hasPin(idOf(joining))).as("round %d", round).isTrue();
		}
	}

	@Test
	void selfServiceGenerationsDuringMassRegenerations() {
		assertThat(this.api.put("/api/v1/settings/security", "{\"selfServicePerDay\":1000}").status()).isEqualTo(200);
		// long PINs: a PIN a regeneration frees is not given to another user of the 20
		this.jdbc.sql("update pin_settings set minimal_pin_length = 10").update();
		StringBuilder users = new StringBuilder();
		for (int i = 0; i < 20; i++) {
			users.append("staff-").append(i).append(",Staff,staff-").append(i).append("@example.org\n");
		}
		assertThat(sync(users.toString()).status()).isEqualTo(200);
		for (int round = 0; round < rounds(); round++) {
			String username = "staff-" + (round % 20);
			long id = idOf(username);
			Pair<String, Response> answers = together(() -> this.selfService.generatePin(username).pin(),
					() -> this.api.post("/api/v1/pins/regenerate", "{}"));
			String pin = answers.first();
			Response regeneration = answers.second();
			assertThat(regeneration.status()).as("round %d: %s", round, regeneration.text()).isEqualTo(200);
			assertThat(regeneration.json().path("regenerated").asInt()).isEqualTo(20);
			// every user holds one PIN; the user's own works unless the regeneration
			// replaced it after
			assertThat(count("select count(*) from pin")).isEqualTo(20);
			assertThat(count("select count(distinct digest) from pin")).isEqualTo(20);
			Response opened = this.terminal.authenticate(pin);
			if (opened.status() == 200) {
				assertThat(opened.json().path("userId").asLong()).isEqualTo(id);
			}
			else {
				assertThat(opened.status()).isEqualTo(401);
			}
			this.jdbc.sql("delete from attempt_limit").update();
		}
	}

	@Test
	void anAdminGeneratesAPinWhileScimReactivatesAndRenamesTheUser() {
		String token = this.api.post("/api/v1/scim-tokens", "{\"name\":\"Entra ID\"}").json().path("token").asString();
		TestApi idp = TestApi.anonymous(this.port).withBearer(token);
		for (int round = 0; round < rounds(); round++) {
			String username = "scim-" + round;
			String id = idp
				.send("POST", "/scim/v2/Users",
						"{\"userName\":\"" + username + "\",\"emails\":[{\"value\":\"" + username
								+ "@example.org\",\"primary\":true}]}",
						SCIM_JSON)
				.json()
				.path("id")
				.asString();
			// deactivated without a PIN: a reactivation gives it one
			assertThat(idp.send("PATCH", "/scim/v2/Users/" + id, active(false), SCIM_JSON).status()).isEqualTo(200);
			assertThat(this.api.delete("/api/v1/users/" + id + "/pin").status()).isEqualTo(204);

			String patch = """
					{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
					 {"op":"replace","path":"displayName","value":"Round %d"},
					 {"op":"replace","path":"active","value":true}]}""".formatted(round);
			Pair<Response, Response> answers = together(() -> this.api.post("/api/v1/users/" + id + "/pin", "{}"),
					() -> idp.send("PATCH", "/scim/v2/Users/" + id, patch, SCIM_JSON));

			assertThat(answers.first().status()).as("generate in round %d: %s", round, answers.first().text())
				.isEqualTo(200);
			assertThat(answers.second().status()).as("PATCH in round %d: %s", round, answers.second().text())
				.isEqualTo(200);
			// whichever came first, the administrator's PIN is the one left, and the
			// provider's change is kept
			Response opened = this.terminal.authenticate(answers.first().json().path("pin").asString());
			assertThat(opened.status()).as("round %d", round).isEqualTo(200);
			assertThat(opened.json().path("userId").asString()).isEqualTo(id);
			assertThat(this.api.get("/api/v1/users/" + id).json().path("fullName").asString())
				.isEqualTo("Round " + round);
			assertThat(count("select count(*) from pin where user_id = " + Long.parseLong(id))).isEqualTo(1);
		}
	}

	@Test
	void twoGeneratesOfOneUsersPinAtOnce() {
		assertThat(sync("twice,Twice,twice@example.org").status()).isEqualTo(200);
		long id = idOf("twice");
		for (int round = 0; round < rounds(); round++) {
			Pair<Response, Response> answers = together(() -> this.api.post("/api/v1/users/" + id + "/pin", "{}"),
					() -> this.api.post("/api/v1/users/" + id + "/pin", "{}"));
			assertThat(answers.first().status()).as("round %d: %s", round, answers.first().text()).isEqualTo(200);
			assertThat(answers.second().status()).as("round %d: %s", round, answers.second().text()).isEqualTo(200);
			// the one written last is the user's PIN, the other one opens nothing
			int first = this.terminal.authenticate(answers.first().json().path("pin").asString()).status();
			int second = this.terminal.authenticate(answers.second().json().path("pin").asString()).status();
			assertThat(List.of(first, second)).as("round %d", round).containsExactlyInAnyOrder(200, 401);
			assertThat(count("select count(*) from pin where user_id = " + id)).isEqualTo(1);
			this.jdbc.sql("delete from attempt_limit").update();
		}
	}

	@Test
	void pinWritersDoNotWaitForAUserRowThatAChangeHolds() throws Exception {
		assertThat(sync("held,Held,held@example.org").status()).isEqualTo(200);
		long id = idOf("held");
		// what a SCIM change, a self-service generation or a delete holds before the PIN
		// lock
		try (HeldLock change = HeldLock.holding(() -> this.users.lock(id), this.transactions)) {
			CompletableFuture<Response> regenerated = CompletableFuture
				.supplyAsync(() -> this.api.post("/api/v1/pins/regenerate", "{}"));
			assertThat(regenerated.get(20, TimeUnit.SECONDS).status()).isEqualTo(200);
			Response generated = this.api.post("/api/v1/users/" + id + "/pin", "{}");
			assertThat(generated.status()).isEqualTo(200);
			assertThat(this.terminal.authenticate(generated.json().path("pin").asString()).status()).isEqualTo(200);
		}
	}

	private Response sync(String lines) {
		return this.api.send("POST", "/api/v1/sync/csv", "username,fullName,email\n" + lines, "text/csv");
	}

	private static String active(boolean active) {
		return "{\"Operations\":[{\"op\":\"replace\",\"path\":\"active\",\"value\":" + active + "}]}";
	}

	private long idOf(String username) {
		return ids(username).get(0);
	}

	private List<Long> ids(String username) {
		return this.jdbc.sql("select id from app_user where username = :name")
			.param("name", username)
			.query(Long.class)
			.list();
	}

	private boolean hasPin(long userId) {
		return count("select count(*) from pin where user_id = " + userId) == 1;
	}

	private long count(String sql) {
		return this.jdbc.sql(sql).query(Long.class).single();
	}

	/**
	 * Both started so that they end together, as the last round's times say, give or take
	 * 5 ms, so that the rounds meet at different points of each other's transactions (an
	 * administrator's request spends most of its time on the password's hash, before any
	 * transaction); their answers once both are in.
	 */
	private <A, B> Pair<A, B> together(Supplier<A> first, Supplier<B> second) {
		long headStart = this.lastSecond - this.lastFirst + ThreadLocalRandom.current().nextLong(-5_000_000, 5_000_000);
		CountDownLatch start = new CountDownLatch(1);
		CompletableFuture<A> one = CompletableFuture.supplyAsync(() -> {
			await(start);
			LockSupport.parkNanos(Math.max(0, -headStart));
			long began = System.nanoTime();
			A answer = first.get();
			this.lastFirst = System.nanoTime() - began;
			return answer;
		}, this.pool);
		CompletableFuture<B> two = CompletableFuture.supplyAsync(() -> {
			await(start);
			LockSupport.parkNanos(Math.max(0, headStart));
			long began = System.nanoTime();
			B answer = second.get();
			this.lastSecond = System.nanoTime() - began;
			return answer;
		}, this.pool);
		start.countDown();
		try {
			return new Pair<>(one.get(60, TimeUnit.SECONDS), two.get(60, TimeUnit.SECONDS));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void await(CountDownLatch start) {
		try {
			start.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private record Pair<A, B>(A first, B second) {
	}

}
