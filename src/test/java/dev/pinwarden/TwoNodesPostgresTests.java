package dev.pinwarden;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.internet.MimeMessage;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import dev.pinwarden.jdbc.JobLocks;
import dev.pinwarden.support.Burst;
import dev.pinwarden.support.Database;
import dev.pinwarden.support.HeldLock;
import dev.pinwarden.support.InJvmServer;
import dev.pinwarden.support.TestApi;
import dev.pinwarden.support.TestApi.Response;
import dev.pinwarden.support.TestSmtpServer;
import dev.pinwarden.support.UserMother;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two Pinwarden nodes on one PostgreSQL, as behind a load balancer: they share the
 * database and the PIN key, nothing else. Whatever node a request reaches, PINs stay
 * unique, a mass regeneration runs once, mail goes out once, and a guessing terminal or
 * login gets no more wrong guesses checked than its budget, counted on either node.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoNodesPostgresTests {

	private TestSmtpServer smtp;

	private ConfigurableApplicationContext nodeA;

	private ConfigurableApplicationContext nodeB;

	private TestApi adminA;

	private TestApi adminB;

	private JdbcClient jdbc;

	@BeforeAll
	void startTwoNodes() {
		this.smtp = TestSmtpServer.start();
		Map<String, Object> shared = new HashMap<>(Database.POSTGRES.freshInstanceProperties("two_nodes"));
		shared.putAll(this.smtp.properties());
		shared.put("pinwarden.pin.key", Base64.getEncoder()
			.encodeToString("two-nodes-share-this-32-byte-key".getBytes(StandardCharsets.US_ASCII)));
		this.nodeA = start(shared, Database.POSTGRES.freshInstanceProperties("node_a").get("pinwarden.data-dir"));
		this.nodeB = start(shared, Database.POSTGRES.freshInstanceProperties("node_b").get("pinwarden.data-dir"));
		this.adminA = TestApi.asAdmin(port(this.nodeA));
		this.adminB = TestApi.asAdmin(port(this.nodeB));
		this.jdbc = this.nodeA.getBean(JdbcClient.class);
	}

	@AfterAll
	void stopTwoNodes() {
		this.nodeA.close();
		this.nodeB.close();
		this.smtp.stop();
	}

	@Test
	void pinsGeneratedConcurrentlyOnBothNodesAreAllDifferent() throws Exception {
		// four digits: among 300 random PINs, collisions would be all but certain if the
		// nodes did not see each other's
		this.adminA.put("/api/v1/settings/pin", "{\"minimalPinLength\":4}");
		List<Long> ids = insertUsers("gen", 300, 1);
		// fewer at once than the administrator's login budget (5): more would queue at
		// the
		// attempt limiter, and on a busy machine wait past its 2 s, which is not what
		// this
		// test is about
		ExecutorService pool = Executors.newFixedThreadPool(4);
		List<Future<Response>> generated = new ArrayList<>();
		for (int i = 0; i < ids.size(); i++) {
			TestApi node = (i % 2 == 0) ? this.adminA : this.adminB;
			long id = ids.get(i);
			generated.add(pool.submit(() -> node.post("/api/v1/users/" + id + "/pin", "{}")));
		}
		Map<String, Long> holderByPin = new HashMap<>();
		for (int i = 0; i < ids.size(); i++) {
			Response response = generated.get(i).get();
			assertThat(response.status()).isEqualTo(200);
			assertThat(holderByPin.put(response.json().path("pin").asString(), ids.get(i))).as("PIN handed out twice")
				.isNull();
		}
		pool.shutdown();
		assertThat(holderByPin).hasSize(300);
		assertThat(this.jdbc.sql("select count(distinct digest) = count(*) from pin").query(Boolean.class).single())
			.isTrue();

		// each PIN names its user at a terminal on either node
		TestApi terminalA = terminal(this.nodeA, "gen");
		TestApi terminalB = terminalA.at(port(this.nodeB));
		holderByPin.forEach((pin, id) -> {
			assertThat(terminalA.authenticate(pin).json().path("userId").asLong()).isEqualTo(id);
			assertThat(terminalB.authenticate(pin).json().path("userId").asLong()).isEqualTo(id);
		});
	}

	@Test
	void aMassRegenerationRunsOnceAndItsMailsGoOutOnceWithBothDispatchers() throws Exception {
		// 40,000 users keep the first regeneration busy for a few seconds; 500 of them
		// have an address
		insertUsers("regen", 40_000, 80);
		double sentBefore = sent(this.nodeA) + sent(this.nodeB);

		CompletableFuture<Response> first = CompletableFuture
			.supplyAsync(() -> this.adminA.post("/api/v1/pins/regenerate", "{}"));
		awaitRegenerationRunning();
		Response second = this.adminB.post("/api/v1/pins/regenerate", "{}");
		assertThat(second.status()).isEqualTo(409);
		assertThat(second.code()).isEqualTo("regeneration_running");
		Response done = first.get();
		assertThat(done.status()).isEqualTo(200);
		long active = this.jdbc.sql("select count(*) from app_user where active").query(Long.class).single();
		assertThat(done.json().path("regenerated").asLong()).isEqualTo(active);
		assertThat(this.jdbc.sql("select count(distinct digest) = count(*) from pin").query(Boolean.class).single())
			.isTrue();

		// both nodes dispatch; every regenerated user with an address gets exactly one
		// mail
		Awaitility.await()
			.atMost(Duration.ofSeconds(60))
			.until(() -> this.jdbc
				.sql("select count(*) from mail_outbox where status = 'queued' and recipient like 'regen-%'")
				.query(Long.class)
				.single() == 0);
		Map<String, List<MimeMessage>> mails = this.smtp.received()
			.stream()
			.filter((mail) -> TestSmtpServer.recipient(mail).startsWith("regen-"))
			.collect(Collectors.groupingBy(TestSmtpServer::recipient));
		assertThat(mails).hasSize(500);
		assertThat(mails.values()).allSatisfy((perRecipient) -> assertThat(perRecipient).hasSize(1));
		assertThat(sent(this.nodeA) + sent(this.nodeB) - sentBefore).isGreaterThanOrEqualTo(500);

		// and the mailed PINs work on both nodes
		TestApi terminalA = terminal(this.nodeA, "regen");
		TestApi terminalB = terminalA.at(port(this.nodeB));
		for (List<MimeMessage> perRecipient : mails.values()) {
			String pin = TestSmtpServer.pinIn(perRecipient.get(0));
			String username = TestSmtpServer.recipient(perRecipient.get(0)).replace("@example.org", "");
			assertThat(terminalA.authenticate(pin).json().path("username").asString()).isEqualTo(username);
			assertThat(terminalB.authenticate(pin).json().path("username").asString()).isEqualTo(username);
		}
	}

	@Test
	void aTerminalIsThrottledByTheFailuresItMadeOnEitherNode() {
		this.adminA.put("/api/v1/settings/security", "{\"terminalFailureBudget\":5}");
		List<Long> ids = insertUsers("throttle", 1, 1);
		this.adminA.put("/api/v1/users/" + ids.get(0) + "/pin", "{\"pin\":\"80417263\"}");
		TestApi terminalA = terminal(this.nodeA, "throttle");
		TestApi terminalB = terminalA.at(port(this.nodeB));
		for (String wrong : List.of("11223344", "22334455", "33445566")) {
			assertThat(terminalA.authenticate(wrong).status()).isEqualTo(401);
		}
		for (String wrong : List.of("44556677", "55667788")) {
			assertThat(terminalB.authenticate(wrong).status()).isEqualTo(401);
		}

		// five failures in all: the right PIN is refused on both nodes now
		assertThat(terminalA.authenticate("80417263").status()).isEqualTo(429);
		assertThat(terminalB.authenticate("80417263").status()).isEqualTo(429);
		// another terminal is not affected, on either node
		TestApi otherB = terminal(this.nodeB, "throttle-other");
		assertThat(otherB.authenticate("80417263").status()).isEqualTo(200);
	}

	@Test
	void aBurstOfWrongPinsOverBothNodesGetsNoMoreThanTheBudgetChecked() {
		this.adminA.put("/api/v1/settings/security", "{\"terminalFailureBudget\":5}");
		List<Long> ids = insertUsers("burst", 1, 1);
		this.adminA.put("/api/v1/users/" + ids.get(0) + "/pin", "{\"pin\":\"70418293\"}");
		TestApi terminalA = terminal(this.nodeA, "burst");
		TestApi terminalB = terminalA.at(port(this.nodeB));

		List<Response> answers = Burst.send(256, 32,
				(i) -> ((i % 2 == 0) ? terminalA : terminalB).authenticate(String.valueOf(10_000_000 + i)));

		assertThat(Burst.count(answers, 401)).isEqualTo(5);
		assertThat(Burst.count(answers, 429)).isEqualTo(251);
		assertThat(terminalA.authenticate("70418293").status()).isEqualTo(429);
		assertThat(terminalB.authenticate("70418293").status()).isEqualTo(429);
		assertThat(terminal(this.nodeB, "burst-other").authenticate("70418293").status()).isEqualTo(200);
	}

	@Test
	void fiftyWrongLoginsOverBothNodesLockTheAccount() {
		List<Long> ids = insertUsers("login", 1, 1);
		this.adminA.put("/api/v1/users/" + ids.get(0) + "/pin", "{\"pin\":\"81529304\"}");
		String username = this.adminA.get("/api/v1/users/" + ids.get(0)).json().path("username").asString();
		TestApi userA = TestApi.anonymous(port(this.nodeA));
		TestApi userB = userA.at(port(this.nodeB));

		List<Response> answers = Burst.send(50, 50,
				(i) -> ((i % 2 == 0) ? userA : userB).withBasic(username, String.valueOf(20_000_000 + i))
					.get("/api/v1/me/pin"));

		assertThat(Burst.count(answers, 401) + Burst.count(answers, 429)).isEqualTo(50);
		assertThat(this.jdbc.sql("select count(*) from audit_event where action = 'login.failed' and user_id = :id")
			.param("id", ids.get(0))
			.query(Long.class)
			.single()).as("wrong PINs checked").isEqualTo(5);
		assertThat(userA.withBasic(username, "81529304").post("/api/v1/me/pin", "{}").status()).isEqualTo(401);
		assertThat(userB.withBasic(username, "81529304").post("/api/v1/me/pin", "{}").status()).isEqualTo(401);
	}

	/**
	 * Waits until the regeneration holds its lock: some transaction has locked a row of
	 * {@code job_lock} (seen in {@code pg_locks}, which takes no lock itself, so the
	 * probe cannot get in the regeneration's way).
	 */
	@Test
	void aJobStartedOnOneNodeIsFollowedAndCancelledOnTheOther() throws Exception {
		insertUsers("job", 20_000, 100);
		String pinsBefore = pinsFingerprint();
		TestApi asyncA = this.adminA.preferringAsync();

		String cancelled;
		try (HeldLock pinWrites = HeldLock.hold("pin-writes", this.nodeA.getBean(JobLocks.class),
				this.nodeA.getBean(TransactionTemplate.class))) {
			cancelled = asyncA.post("/api/v1/pins/regenerate", "{}").header("Location");
			Awaitility.await()
				.atMost(Duration.ofSeconds(20))
				.until(() -> this.adminB.get(cancelled).json().path("state").asString().equals("running"));
			Response cancel = this.adminB.post(cancelled + "/cancel", "");
			assertThat(cancel.status()).isEqualTo(200);
			assertThat(cancel.json().path("cancelRequested").asBoolean()).isTrue();
		}
		Awaitility.await()
			.atMost(Duration.ofSeconds(60))
			.until(() -> this.adminA.get(cancelled).json().path("state").asString().equals("cancelled"));
		assertThat(pinsFingerprint()).isEqualTo(pinsBefore);

		// the next one runs to its end on A, followed from B as it goes
		String followed = asyncA.post("/api/v1/pins/regenerate", "{}").header("Location");
		List<Long> seen = new ArrayList<>();
		Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(20)).until(() -> {
			tools.jackson.databind.JsonNode job = this.adminB.get(followed).json();
			if (job.path("state").asString().equals("running") && job.path("total").asLong() > 0) {
				seen.add(job.path("done").asLong());
			}
			return job.path("state").asString().equals("succeeded");
		});
		long active = this.jdbc.sql("select count(*) from app_user where active").query(Long.class).single();
		assertThat(this.adminB.get(followed).json().path("result").path("regenerated").asLong()).isEqualTo(active);
		assertThat(seen).anyMatch((done) -> done > 0 && done < active);
		assertThat(seen).isSorted();
		assertThat(pinsFingerprint()).isNotEqualTo(pinsBefore);
	}

	private String pinsFingerprint() {
		return this.jdbc.sql("select md5(string_agg(encode(digest, 'hex'), ',' order by user_id)) from pin")
			.query(String.class)
			.single();
	}

	private void awaitRegenerationRunning() {
		Awaitility.await()
			.atMost(Duration.ofSeconds(20))
			.pollInterval(Duration.ofMillis(20))
			.until(() -> this.jdbc.sql("""
					select count(*) from pg_locks l join pg_class c on c.oid = l.relation
					where c.relname = 'job_lock' and l.mode = 'RowShareLock' and l.granted
					  and l.pid <> pg_backend_pid()""").query(Long.class).single() > 0);
	}

	@Test
	void aCardOpensTerminalsOnBothNodesAndWrongPinsWithItLockItOnBoth() {
		List<Long> ids = insertUsers("cards", 2, 1);
		this.adminA.put("/api/v1/users/" + ids.get(0) + "/pin", "{\"pin\":\"61728394\"}");
		this.adminA.put("/api/v1/users/" + ids.get(1) + "/pin", "{\"pin\":\"72839405\"}");
		assertThat(this.adminA.post("/api/v1/users/" + ids.get(0) + "/cards", "{\"number\":\"CA4D0001\"}").status())
			.isEqualTo(201);
		this.adminB.post("/api/v1/users/" + ids.get(1) + "/cards", "{\"number\":\"CA4D0002\"}");
		TestApi terminalA = terminal(this.nodeA, "cards");
		TestApi terminalB = terminalA.at(port(this.nodeB));
		assertThat(terminalB.tap("ca:4d:00:01").json().path("userId").asLong()).isEqualTo(ids.get(0));
		assertThat(terminalA.tap("CA4D0002").json().path("credential").asString()).isEqualTo("card");

		this.adminB.put("/api/v1/settings/terminals", "{\"defaultLoginMode\":\"card-and-pin\"}");
		try {
			assertThat(terminalA.tap("CA4D0001").code()).isEqualTo("login_mode");
			assertThat(terminalA.tap("CA4D0001", "61728394").json().path("credential").asString())
				.isEqualTo("card+pin");
			// a burst of wrong PINs with the card, over both nodes and several terminals
			List<TestApi> terminals = List.of(terminalA, terminalB, terminal(this.nodeA, "cards-2"),
					terminal(this.nodeB, "cards-3"));
			List<Response> answers = Burst.send(64, 16,
					(i) -> terminals.get(i % 4).tap("CA4D0001", String.valueOf(30_000_000 + i)));
			assertThat(Burst.count(answers, 401)).isEqualTo(5);
			assertThat(Burst.count(answers, 401) + Burst.count(answers, 429)).isEqualTo(64);
			// the card is locked on both nodes, also at a terminal that saw none of it
			TestApi fresh = terminal(this.nodeB, "cards-fresh");
			assertThat(fresh.tap("CA4D0001", "61728394").status()).isEqualTo(429);
			assertThat(fresh.at(port(this.nodeA)).tap("CA4D0001", "61728394").status()).isEqualTo(429);
			assertThat(fresh.tap("CA4D0002", "72839405").json().path("userId").asLong()).isEqualTo(ids.get(1));
		}
		finally {
			this.adminA.put("/api/v1/settings/terminals", "{\"defaultLoginMode\":\"card-or-pin\"}");
		}
	}

	@Test
	void unknownCardsOverBothNodesGetNoMoreThanTheirBudget() {
		this.adminA.put("/api/v1/settings/terminals", "{\"unknownCardBudget\":20}");
		TestApi terminalA = terminal(this.nodeA, "unknown-cards");
		TestApi terminalB = terminalA.at(port(this.nodeB));

		List<Response> answers = Burst.send(100, 20,
				(i) -> ((i % 2 == 0) ? terminalA : terminalB).tap("EEEE" + (1000 + i)));

		assertThat(Burst.count(answers, 401)).isEqualTo(20);
		assertThat(Burst.count(answers, 429)).isEqualTo(80);
	}

	private List<Long> insertUsers(String prefix, int count, int emailEvery) {
		UserMother.insertUsers(new JdbcTemplate(this.nodeA.getBean(javax.sql.DataSource.class)), prefix, count,
				(i) -> i % emailEvery == 0);
		return this.jdbc.sql("select id from app_user where username like :prefix order by id")
			.param("prefix", prefix + "-%")
			.query(Long.class)
			.list();
	}

	private TestApi terminal(ConfigurableApplicationContext node, String name) {
		String token = TestApi.asAdmin(port(node))
			.post("/api/v1/terminals", "{\"name\":\"" + name + "\"}")
			.json()
			.path("token")
			.asString();
		return TestApi.anonymous(port(node)).withBearer(token);
	}

	private static double sent(ConfigurableApplicationContext node) {
		return node.getBean(MeterRegistry.class).counter("pinwarden.mail.dispatched", "outcome", "sent").count();
	}

	private static ConfigurableApplicationContext start(Map<String, Object> shared, Object dataDir) {
		Map<String, Object> properties = new HashMap<>(shared);
		properties.put("pinwarden.auth.admin-password", TestApi.ADMIN_PASSWORD);
		properties.put("pinwarden.data-dir", dataDir);
		return InJvmServer.start(properties);
	}

	private static int port(ConfigurableApplicationContext node) {
		return InJvmServer.port(node);
	}

}
