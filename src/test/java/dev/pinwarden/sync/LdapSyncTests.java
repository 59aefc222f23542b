package dev.pinwarden.sync;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedSearchRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryOperationInterceptor;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.controls.SimplePagedResultsControl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import dev.pinwarden.support.ApiIntegrationTest;
import dev.pinwarden.support.TestApi.Response;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The LDAP / Active Directory source against a real in-memory directory server
 * (UnboundID) holding thousands of AD-shaped entries, read with paging.
 */
abstract class LdapSyncTests extends ApiIntegrationTest {

	static final int PEOPLE = 2_500;

	static InMemoryDirectoryServer directory;

	static final AtomicInteger pagedSearches = new AtomicInteger();

	@org.springframework.beans.factory.annotation.Autowired
	LdapSync ldapSync;

	@org.springframework.beans.factory.annotation.Autowired
	LdapSources sources;

	@BeforeAll
	static void startDirectory() throws LDAPException {
		InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig("dc=example,dc=org");
		config.setSchema(null); // accept Active Directory's attributes as they are
		config.addAdditionalBindCredentials("cn=sync,dc=example,dc=org", "bind-secret");
		config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap", 0));
		config.addInMemoryOperationInterceptor(new InMemoryOperationInterceptor() {
			@Override
			public void processSearchRequest(InMemoryInterceptedSearchRequest request) {
				if (request.getRequest().hasControl(SimplePagedResultsControl.PAGED_RESULTS_OID)) {
					pagedSearches.incrementAndGet();
				}
			}
		});
		directory = new InMemoryDirectoryServer(config);
		directory.add(
				new Entry("dc=example,dc=org", new Attribute("objectClass", "domain"), new Attribute("dc", "example")));
		directory.add(new Entry("ou=people,dc=example,dc=org", new Attribute("objectClass", "organizationalUnit")));
		List<Entry> people = new ArrayList<>();
		for (int i = 1; i <= PEOPLE; i++) {
			List<Attribute> attributes = new ArrayList<>(List.of(new Attribute("objectClass", "user"),
					new Attribute("objectCategory", "person"), new Attribute("sAMAccountName", "person" + i),
					new Attribute("displayName", "Person " + i)));
			if (i % 10 != 0) {
				attributes.add(new Attribute("mail", "person" + i + "@example.org"));
			}
			// a few hold cards: text, several, binary (a UID kept as bytes), one taken
			switch (i) {
				case 3 -> attributes.add(new Attribute("pager", "1001"));
				case 4 -> attributes.add(new Attribute("pager", "2001", "2002"));
				case 5 -> attributes.add(new Attribute("pager", new byte[] { 0x04, (byte) 0xA2, 0x2B, 0x7C }));
				case 6 -> attributes.add(new Attribute("pager", "1001"));
				default -> {
				}
			}
			// every 100th account is disabled in Active Directory
			attributes.add(new Attribute("userAccountControl", (i % 100 == 1) ? "514" : "512"));
			people.add(new Entry("cn=Person " + i + ",ou=people,dc=example,dc=org", attributes));
		}
		directory.add(new Entry("cn=printer,ou=people,dc=example,dc=org", new Attribute("objectClass", "user"),
				new Attribute("objectCategory", "person")));
		for (Entry entry : people) {
			directory.add(entry);
		}
		directory.startListening();
	}

	@AfterAll
	static void stopDirectory() {
		directory.shutDown(true);
	}

	@Test
	void syncsADirectoryOfThousandsOfEntriesPageByPage() {
		configure(null);
		pagedSearches.set(0);

		JsonNode report = this.api.post("/api/v1/sync/ldap/run", "{}").json();

		assertThat(report.path("created").asInt()).isEqualTo(PEOPLE);
		assertThat(pagedSearches.get()).isGreaterThanOrEqualTo(3);
		// 10% have no mail; of those with mail, the 1% disabled ones get no PIN either
		assertThat(report.path("pinsGenerated").asInt()).isEqualTo(PEOPLE - 250 - 25);
		assertThat(report.path("skippedWithoutEmail").asInt()).isEqualTo(250);
		assertThat(report.path("errors")).hasSize(1);
		assertThat(report.path("errors").get(0).path("message").asString()).contains("cn=printer")
			.contains("sAMAccountName");
		JsonNode person7 = this.api.get("/api/v1/users?q=person7@").json().path("items").get(0);
		assertThat(person7.path("fullName").asString()).isEqualTo("Person 7");
		assertThat(person7.path("source").asString()).isEqualTo("ldap");
		assertThat(this.api.get("/api/v1/users?q=person101@").json().path("items").get(0).path("active").asBoolean())
			.isFalse();
		assertThat(this.jdbc.sql("select distinct pin_length from pin").query(Integer.class).list()).containsExactly(5);

		String pin = this.smtp.awaitPinMailedTo("person7@example.org");
		assertThat(newTerminal().authenticate(pin).json().path("username").asString()).isEqualTo("person7");

		JsonNode again = this.api.post("/api/v1/sync/ldap/run", "{}").json();
		assertThat(again.path("created").asInt()).isZero();
		assertThat(again.path("updated").asInt()).isZero();
		assertThat(again.path("pinsGenerated").asInt()).isZero();
	}

	@Test
	void aCardAttributeBringsEachValueAsACardAndBinaryOnesAsHex() throws LDAPException {
		ObjectNode withCards = source(null);
		withCards.put("cardAttribute", "pager");
		assertThat(this.api.put("/api/v1/sync/ldap", withCards.toString()).json().path("cardAttribute").asString())
			.isEqualTo("pager");

		JsonNode report = this.api.post("/api/v1/sync/ldap/run", "{}").json();
		assertThat(report.path("errors")).hasSize(2);
		// the first read keeps the card; the hint is all a report shows
		assertThat(report.path("errors").get(0).path("message").asString())
			.isEqualTo("person6: card …1001 belongs to another user; skipped");
		assertThat(hints("person3")).containsExactly("1001");
		assertThat(hints("person4")).containsExactlyInAnyOrder("2001", "2002");
		assertThat(hints("person5")).containsExactly("2B7C");
		assertThat(hints("person6")).isEmpty();
		assertThat(newTerminal().tap("04:A2:2B:7C").json().path("username").asString()).isEqualTo("person5");

		long person4 = userId("person4");
		this.api.post("/api/v1/users/" + person4 + "/cards", "{\"number\":\"AD11\"}");
		directory.modify("cn=Person 4,ou=people,dc=example,dc=org", new com.unboundid.ldap.sdk.Modification(
				com.unboundid.ldap.sdk.ModificationType.REPLACE, "pager", "2002"));
		try {
			this.api.post("/api/v1/sync/ldap/run", "{}");
			// the directory's card it no longer lists is gone; the admin's stays
			assertThat(hints("person4")).containsExactlyInAnyOrder("2002", "AD11");
		}
		finally {
			directory.modify("cn=Person 4,ou=people,dc=example,dc=org", new com.unboundid.ldap.sdk.Modification(
					com.unboundid.ldap.sdk.ModificationType.REPLACE, "pager", "2001", "2002"));
		}
		assertThat(this.api.put("/api/v1/sync/ldap", source(null).put("cardAttribute", "pager;binary!").toString())
			.json()
			.path("field")
			.asString()).isEqualTo("cardAttribute");
	}

	@Test
	void aRenamedEntryIsFoundByItsEntryUuidOrObjectGuidAndKeepsItsPin() throws LDAPException {
		byte[] guid = { 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f,
				0x10 };
		String dn7 = "cn=Person 7,ou=people,dc=example,dc=org";
		String dn8 = "cn=Person 8,ou=people,dc=example,dc=org";
		directory.modify(dn8, new Modification(ModificationType.ADD, "objectGUID", guid));
		try {
			configure(null);
			this.api.post("/api/v1/sync/ldap/run", "{}");
			long person7 = userId("person7");
			JsonNode seven = this.api.get("/api/v1/users/" + person7).json();
			assertThat(seven.path("externalId").asString())
				.isEqualTo(directory.getEntry(dn7, "entryUUID").getAttributeValue("entryUUID"));
			assertThat(this.api.get("/api/v1/users/" + userId("person8")).json().path("externalId").asString())
				.isEqualTo("0102030405060708090a0b0c0d0e0f10");
			String pin = this.smtp.awaitPinMailedTo("person7@example.org");

			directory.modify(dn7, new Modification(ModificationType.REPLACE, "sAMAccountName", "person7-married"));
			directory.modify(dn8, new Modification(ModificationType.REPLACE, "sAMAccountName", "person8-new"));
			JsonNode report = this.api.post("/api/v1/sync/ldap/run", "{}").json();

			assertThat(report.path("renamed").asInt()).isEqualTo(2);
			assertThat(report.path("created").asInt()).isZero();
			assertThat(report.path("deactivated").asInt()).isZero();
			assertThat(this.api.get("/api/v1/users/" + person7).json().path("username").asString())
				.isEqualTo("person7-married");
			assertThat(newTerminal().authenticate(pin).json().path("username").asString()).isEqualTo("person7-married");
			assertThat(this.api.get("/api/v1/sync/runs").json().get(0).path("renamed").asInt()).isEqualTo(2);
		}
		finally {
			directory.modify(dn7, new Modification(ModificationType.REPLACE, "sAMAccountName", "person7"));
			directory.modify(dn8, new Modification(ModificationType.REPLACE, "sAMAccountName", "person8"),
					new Modification(ModificationType.DELETE, "objectGUID"));
		}
	}

	private long userId(String username) {
		return this.api.get("/api/v1/users?q=" + username + "@").json().path("items").get(0).path("id").asLong();
	}

	private List<String> hints(String username) {
		List<String> hints = new ArrayList<>();
		this.api.get("/api/v1/users/" + userId(username) + "/cards")
			.json()
			.forEach((card) -> hints.add(card.path("hint").asString()));
		return hints;
	}

	@Test
	void theBindPasswordIsStoredSealedAndNeverShown() {
		Response saved = configure(null);
		assertThat(saved.status()).isEqualTo(200);
		assertThat(saved.json().path("hasBindPassword").asBoolean()).isTrue();
		assertThat(saved.text()).doesNotContain("bind-secret");
		assertThat(this.api.get("/api/v1/sync/ldap").text()).doesNotContain("bind-secret")
			.doesNotContain("bindPassword\"");
		byte[] stored = this.jdbc.sql("select bind_password from ldap_source").query(byte[].class).single();
		assertThat(new String(stored, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("bind-secret");

		// a change without a password keeps the stored one
		ObjectNode change = source(null);
		change.remove("bindPassword");
		change.put("schedule", "0 0 2 * * *");
		assertThat(this.api.put("/api/v1/sync/ldap", change.toString()).json().path("hasBindPassword").asBoolean())
			.isTrue();
		assertThat(this.api.post("/api/v1/sync/ldap/test", "{}").json().path("ok").asBoolean()).isTrue();

		// what the GET answers, put back with a change, keeps the password too
		ObjectNode read = (ObjectNode) this.api.get("/api/v1/sync/ldap").json();
		read.put("schedule", "0 0 3 * * *");
		Response putBack = this.api.put("/api/v1/sync/ldap", read.toString());
		assertThat(putBack.json().path("schedule").asString()).isEqualTo("0 0 3 * * *");
		assertThat(putBack.json().path("hasBindPassword").asBoolean()).isTrue();
		assertThat(this.api.post("/api/v1/sync/ldap/test", "{}").json().path("ok").asBoolean()).isTrue();
	}

	@Test
	void afterDowntimeTheScheduleRunsOnceToCatchUpNotOncePerMissedDay() {
		ObjectNode daily = source(null);
		daily.put("schedule", "0 0 2 * * *");
		this.api.put("/api/v1/sync/ldap", daily.toString());
		this.clock.advance(java.time.Duration.ofDays(3));
		for (int check = 0; check < 3; check++) {
			this.ldapSync.runWhenDue();
		}
		JsonNode job = awaitJobsEnded().get(0);
		assertThat(this.api.get("/api/v1/jobs").json().path("items").size()).isEqualTo(1);
		assertThat(job.path("state").asString()).isEqualTo("succeeded");
		assertThat(this.jdbc.sql("select count(*) from sync_run where source = 'ldap'").query(Long.class).single())
			.isEqualTo(1);
		daily.putNull("schedule");
		this.api.put("/api/v1/sync/ldap", daily.toString());
	}

	@Test
	void aNodeThatLookedBeforeAnotherClaimedTheRunDoesNotStartItAgain() {
		ObjectNode daily = source(null);
		daily.put("schedule", "0 0 2 * * *");
		this.api.put("/api/v1/sync/ldap", daily.toString());
		this.clock.advance(java.time.Duration.ofDays(1));
		LdapSources.ScheduleSeen seenByTheSlowNode = this.sources.findSchedule().orElseThrow();
		this.ldapSync.runWhenDue(); // the other node looks, claims and starts the run
		this.ldapSync.startIfDue(seenByTheSlowNode);
		awaitJobsEnded();
		assertThat(this.api.get("/api/v1/jobs").json().path("items").size()).isEqualTo(1);
		daily.putNull("schedule");
		this.api.put("/api/v1/sync/ldap", daily.toString());
	}

	@Test
	void aScheduledSyncRunsByItself() {
		ObjectNode scheduled = source(null);
		scheduled.put("schedule", "*/2 * * * * *");
		this.api.put("/api/v1/sync/ldap", scheduled.toString());

		org.awaitility.Awaitility.await()
			.atMost(java.time.Duration.ofSeconds(20))
			.until(() -> this.api.get("/api/v1/sync/runs")
				.json()
				.valueStream()
				.anyMatch((run) -> run.path("status").asString().equals("succeeded")));
		scheduled.putNull("schedule");
		this.api.put("/api/v1/sync/ldap", scheduled.toString());
		assertThat(this.api.get("/api/v1/users").json().path("total").asInt()).isEqualTo(PEOPLE);
		// it ran as a job, as one started by hand does: its outcome and counts are on the
		// jobs page
		JsonNode job = awaitJobsEnded().get(0);
		assertThat(job.path("kind").asString()).isEqualTo("ldap-sync");
		assertThat(job.path("state").asString()).isEqualTo("succeeded");
		assertThat(job.path("result").path("created").asInt()).isEqualTo(PEOPLE);
	}

	@Test
	void aScheduledSyncThatFailsIsAFailedJobWithTheProblem() {
		ObjectNode refused = source(null);
		refused.put("bindPassword", "wrong-secret");
		refused.put("schedule", "0 0 2 * * *");
		this.api.put("/api/v1/sync/ldap", refused.toString());
		this.clock.advance(java.time.Duration.ofDays(1));
		this.ldapSync.runWhenDue();
		JsonNode job = awaitJobsEnded().get(0);
		assertThat(job.path("kind").asString()).isEqualTo("ldap-sync");
		assertThat(job.path("state").asString()).isEqualTo("failed");
		assertThat(job.path("error").path("code").asString()).isEqualTo("ldap_bind_failed");
		assertThat(job.toString()).doesNotContain("wrong-secret");
		assertThat(this.api.get("/api/v1/users").json().path("total").asInt()).isZero();
		refused.putNull("schedule");
		this.api.put("/api/v1/sync/ldap", refused.toString());
	}

	/** The jobs, newest first, once at least one exists and none is queued or running. */
	private JsonNode awaitJobsEnded() {
		org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> {
			JsonNode jobs = this.api.get("/api/v1/jobs").json().path("items");
			return !jobs.isEmpty() && jobs.valueStream()
				.noneMatch((job) -> List.of("queued", "running").contains(job.path("state").asString()));
		});
		return this.api.get("/api/v1/jobs").json().path("items");
	}

	@Test
	void aRefusedBindOrAnUnreachableServerIsAClearProblemWithoutSecrets() {
		ObjectNode wrong = source(null);
		wrong.put("bindPassword", "wrong-secret");
		this.api.put("/api/v1/sync/ldap", wrong.toString());
		Response refused = this.api.post("/api/v1/sync/ldap/run", "{}");
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.code()).isEqualTo("ldap_bind_failed");
		assertThat(refused.text()).contains("cn=sync,dc=example,dc=org").doesNotContain("wrong-secret");
		assertThat(this.api.post("/api/v1/sync/ldap/test", "{}").code()).isEqualTo("ldap_bind_failed");

		ObjectNode unreachable = source("ldap://127.0.0.1:1");
		this.api.put("/api/v1/sync/ldap", unreachable.toString());
		Response down = this.api.post("/api/v1/sync/ldap/run", "{}");
		assertThat(down.status()).isEqualTo(502);
		assertThat(down.code()).isEqualTo("ldap_unavailable");
		assertThat(this.api.get("/api/v1/users").json().path("total").asInt()).isZero();
		assertThat(this.api.get("/api/v1/sync/runs").json().get(0).path("status").asString()).isEqualTo("failed");
	}

	@Test
	void aBadConfigurationIsRefusedNamingTheField() {
		assertRefused("url", "http://dc.example.org");
		assertRefused("baseDn", "not a dn");
		assertRefused("filter", "(objectClass=user");
		assertRefused("schedule", "every night");
		assertRefused("usernameAttribute", "sAM AccountName");
		assertThat(this.api.get("/api/v1/sync/ldap").code()).isEqualTo("ldap_not_configured");
		assertThat(this.api.post("/api/v1/sync/ldap/run", "{}").code()).isEqualTo("ldap_not_configured");
	}

	private void assertRefused(String field, String value) {
		ObjectNode change = source(null);
		change.put(field, value);
		Response refused = this.api.put("/api/v1/sync/ldap", change.toString());
		assertThat(refused.status()).as(field).isEqualTo(400);
		assertThat(refused.json().path("field").asString()).isEqualTo(field);
	}

	private Response configure(String url) {
		return this.api.put("/api/v1/sync/ldap", source(url).toString());
	}

	private static ObjectNode source(String url) {
		ObjectNode source = JsonMapper.builder().build().createObjectNode();
		source.put("url", (url != null) ? url : "ldap://127.0.0.1:" + directory.getListenPort());
		source.put("bindDn", "cn=sync,dc=example,dc=org");
		source.put("bindPassword", "bind-secret");
		source.put("baseDn", "ou=people,dc=example,dc=org");
		return source;
	}

}
