package dev.pinwarden.sync;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import dev.pinwarden.jdbc.JobLocks;
import dev.pinwarden.support.ApiIntegrationTest;
import dev.pinwarden.support.TestApi;
import dev.pinwarden.support.TestApi.Response;
import dev.pinwarden.support.TestSmtpServer;

import static dev.pinwarden.support.UserMother.aUser;
import static org.assertj.core.api.Assertions.assertThat;

/** Users from a CSV file, with the product's PIN rules for synced users. */
abstract class CsvSyncTests extends ApiIntegrationTest {

	@Autowired
	JobLocks locks;

	@Autowired
	TransactionTemplate transactions;

	@Test
	void createsUsersAndGivesAPinOnlyToThoseWithAnEmailAddress() {
		String csv = "\uFEFFusername,fullName,email\n" + "anna,\"Smith, Anna\",anna@example.org\n"
				+ "bert,Bert Müller,bert@example.org\n" + "\"carl\",\"Carl \"\"CJ\"\" Jones\",\n";

		JsonNode report = sync(csv, false).json();

		assertThat(report.path("created").asInt()).isEqualTo(3);
		assertThat(report.path("updated").asInt()).isZero();
		assertThat(report.path("pinsGenerated").asInt()).isEqualTo(2);
		assertThat(report.path("skippedWithoutEmail").asInt()).isEqualTo(1);
		assertThat(report.path("errors")).isEmpty();
		JsonNode anna = this.api.get("/api/v1/users?q=anna").json().path("items").get(0);
		assertThat(anna.path("fullName").asString()).isEqualTo("Smith, Anna");
		assertThat(anna.path("source").asString()).isEqualTo("csv");
		JsonNode carl = this.api.get("/api/v1/users?q=carl").json().path("items").get(0);
		assertThat(carl.path("fullName").asString()).isEqualTo("Carl \"CJ\" Jones");
		assertThat(carl.path("hasPin").asBoolean()).isFalse();
		assertThat(this.api.get("/api/v1/users?q=bert").json().path("items").get(0).path("fullName").asString())
			.isEqualTo("Bert Müller");

		String pin = this.smtp.awaitPinMailedTo("anna@example.org");
		assertThat(newTerminal().authenticate(pin).json().path("username").asString()).isEqualTo("anna");
		this.smtp.awaitPinMailedTo("bert@example.org");
	}

	@Test
	void badLinesAreReportedByLineAndSkippedGoodLinesAreApplied() {
		String csv = String.join("\n", "username,email,active", // 1
				"ok1,ok1@example.org,true", // 2
				",nobody@example.org,", // 3: no username
				"bad-mail,not-an-address,", // 4
				"\"multi", "line\",ok2@example.org,yes", // 5-6: a quoted line break, not
															// allowed in a name
				"short", // 7
				"dup,dup@example.org,", // 8
				"DUP,dup2@example.org,", // 9: the same user again
				"act,act@example.org,perhaps", // 10
				"", // 11: empty lines are ignored
				"ok3,ok3@example.org,0", // 12
				"ctl,c\u0007x@example.org,"); // 13

		JsonNode report = sync(csv, false).json();

		assertThat(report.path("created").asInt()).isEqualTo(3);
		List<String> errors = report.path("errors")
			.valueStream()
			.map((e) -> e.path("line").asInt() + ": " + e.path("message").asString())
			.toList();
		assertThat(errors).hasSize(7);
		assertThat(errors.get(0)).startsWith("3: username is required");
		assertThat(errors.get(1)).startsWith("4: email");
		assertThat(errors.get(2)).startsWith("5: username must not contain control characters");
		assertThat(errors.get(3)).startsWith("7: expected 3 fields");
		assertThat(errors).anyMatch((e) -> e.equals("9: username appears more than once (first on line 8)"));
		assertThat(errors).anyMatch((e) -> e.startsWith("10: active must be true or false"));
		assertThat(errors).anyMatch((e) -> e.startsWith("13: email must not contain control characters"));
		assertThat(this.api.get("/api/v1/users?q=dup").json().path("items").get(0).path("username").asString())
			.isEqualTo("dup");
		assertThat(this.api.get("/api/v1/users?q=ok3").json().path("items").get(0).path("active").asBoolean())
			.isFalse();
		assertThat(report.path("errorCount").asInt()).isEqualTo(7);
	}

	@Test
	void lineErrorsNameTheLineAndColumnButNeverRepeatAValue() {
		// a file whose columns slipped: PINs where the user name and "active" should be
		String csv = String.join("\n", "username,email,active,pin", "48213957,a@example.org,,5930",
				"48213957,b@example.org,,", "ok,ok@example.org,70418263,");

		JsonNode report = sync(csv, false).json();

		assertThat(report.path("errorCount").asInt()).isEqualTo(2);
		assertThat(report.path("errors").toString()).doesNotContain("48213957")
			.doesNotContain("5930")
			.doesNotContain("70418263")
			.contains("active must be true or false")
			.contains("username appears more than once (first on line 2)");
		assertThat(this.api.get("/api/v1/sync/runs").text()).doesNotContain("48213957").doesNotContain("70418263");
	}

	@Test
	void aBodyThatIsNotCsvIsRefusedAndChangesNothing() {
		this.api.post("/api/v1/users", aUser().named("existing").json());
		for (String body : new String[] { "{\"username\":\"x\"}", "name,mail\nx,x@example.org",
				"username,mail\nx,x@example.org", "username,email\n\"unclosed,x@example.org\n", "" }) {
			Response refused = sync(body, true);
			assertThat(refused.status()).as(body).isEqualTo(400);
			assertThat(refused.code()).isEqualTo("csv_invalid");
			assertThat(refused.json().path("detail").asString()).contains("nothing was changed");
		}
		Response binary = this.api.send("POST", "/api/v1/sync/csv",
				new String(new byte[] { 'u', ',', (byte) 0xC3 }, StandardCharsets.ISO_8859_1),
				"text/csv; charset=ISO-8859-1");
		assertThat(binary.status()).isEqualTo(400);
		assertThat(this.api.get("/api/v1/users").json().path("total").asInt()).isEqualTo(1);
		assertThat(this.api.get("/api/v1/users").json().path("items").get(0).path("active").asBoolean()).isTrue();
	}

	@Test
	void aSecondSyncUpdatesWhatChangedAndCanDeactivateTheMissing() {
		long manual = this.api.post("/api/v1/users", aUser().named("manual").json()).json().path("id").asLong();
		sync("username,fullName,email\nu1,One,u1@example.org\nu2,Two,u2@example.org\nu3,Three,u3@example.org\n", false);
		String u3pin = this.smtp.awaitPinMailedTo("u3@example.org");

		JsonNode second = sync("username,fullName,email\nu1,One,u1@example.org\nu2,Two Renamed,u2@example.org\n", true)
			.json();

		assertThat(second.path("created").asInt()).isZero();
		assertThat(second.path("updated").asInt()).isEqualTo(1);
		assertThat(second.path("deactivated").asInt()).isEqualTo(1);
		assertThat(second.path("pinsGenerated").asInt()).isZero();
		assertThat(this.api.get("/api/v1/users?q=u3").json().path("items").get(0).path("active").asBoolean()).isFalse();
		assertThat(newTerminal().authenticate(u3pin).status()).isEqualTo(401);
		assertThat(this.api.get("/api/v1/users/" + manual).json().path("active").asBoolean()).isTrue();

		Response empty = sync("username,email\n", true);
		assertThat(empty.status()).isEqualTo(400);
		assertThat(empty.code()).isEqualTo("sync_empty");
	}

	@Test
	void theLengthRuleCountsTheUsersTheSyncBringsIn() {
		StringBuilder csv = new StringBuilder("username,email\n");
		for (int i = 1; i <= 2_000; i++) {
			csv.append("user").append(i).append(",user").append(i).append("@example.org\n");
		}
		JsonNode report = sync(csv.toString(), false).json();
		assertThat(report.path("pinsGenerated").asInt()).isEqualTo(2_000);
		assertThat(this.jdbc.sql("select distinct pin_length from pin").query(Integer.class).list()).containsExactly(5);
		assertThat(this.jdbc.sql("select count(distinct digest) from pin").query(Long.class).single()).isEqualTo(2_000);
		List<MimeMessage> mails = this.smtp.awaitMessages(2_000);
		assertThat(TestSmtpServer.pinIn(mails.get(0))).hasSize(5);
	}

	@Test
	void importsPinsFromThePinColumnAndReportsTakenOnes() {
		this.api.post("/api/v1/users", aUser().named("holder").withPin("55551234").json());
		JsonNode report = sync("username,email,pin\nimp1,imp1@example.org,00420042\nimp2,imp2@example.org,55551234\n"
				+ "imp3,imp3@example.org,12a4\nimp4,imp4@example.org,\n", false)
			.json();

		assertThat(report.path("created").asInt()).isEqualTo(4);
		assertThat(report.path("errors").get(0).path("line").asInt()).isEqualTo(3);
		assertThat(report.path("errors").get(0).path("message").asString()).contains("already in use");
		assertThat(report.path("errors").get(1).path("line").asInt()).isEqualTo(4);
		assertThat(report.path("errors").get(1).path("message").asString()).contains("digits");
		// imp2 and imp3 were synced without their PINs, and got generated ones like imp4
		assertThat(report.path("pinsGenerated").asInt()).isEqualTo(3);
		TestApi terminal = newTerminal();
		assertThat(terminal.authenticate("00420042").json().path("username").asString()).isEqualTo("imp1");
		assertThat(terminal.authenticate("55551234").json().path("username").asString()).isEqualTo("holder");
		// staged sealed until the run set them, and gone with the run
		assertThat(this.jdbc.sql("select count(*) from staged_pin").query(Long.class).single()).isZero();
	}

	@Test
	void twoLinesWithTheSamePinGiveItToTheFirstOnlyAndAResyncKeepsIt() {
		this.api.put("/api/v1/settings/pin", "{\"generatePinForNewUsers\":false}");
		String csv = "username,email,pin\ndup1,dup1@example.org,73914862\ndup2,dup2@example.org,73914862\n";
		JsonNode report = sync(csv, false).json();

		assertThat(report.path("errors")).hasSize(1);
		assertThat(report.path("errors").get(0).path("line").asInt()).isEqualTo(3);
		assertThat(report.path("errors").get(0).path("message").asString()).contains("already in use");
		TestApi terminal = newTerminal();
		assertThat(terminal.authenticate("73914862").json().path("username").asString()).isEqualTo("dup1");

		// the same file again: dup1 keeps its own PIN, dup2 is still refused it
		JsonNode again = sync(csv, false).json();
		assertThat(again.path("errors")).hasSize(1);
		assertThat(terminal.authenticate("73914862").json().path("username").asString()).isEqualTo("dup1");
	}

	@Test
	void everyRunIsRecordedWithItsCountsAndErrors() {
		sync("username,email\nr1,r1@example.org\n,x@example.org\n", false);
		sync("nonsense", false);

		JsonNode runs = this.api.get("/api/v1/sync/runs").json();
		assertThat(runs.get(0).path("status").asString()).isEqualTo("failed");
		assertThat(runs.get(0).path("message").asString()).contains("header");
		JsonNode ok = runs.get(1);
		assertThat(ok.path("source").asString()).isEqualTo("csv");
		assertThat(ok.path("status").asString()).isEqualTo("succeeded");
		assertThat(ok.path("created").asInt()).isEqualTo(1);
		assertThat(ok.path("pinsGenerated").asInt()).isEqualTo(1);
		assertThat(ok.path("errorCount").asInt()).isEqualTo(1);
		assertThat(ok.path("errors").get(0).path("line").asInt()).isEqualTo(3);
		assertThat(ok.has("finishedAt")).isTrue();
	}

	@Test
	void aSecondSyncOfTheSameSourceIsToldOneIsRunning() {
		AtomicReference<Response> second = new AtomicReference<>();
		this.transactions.executeWithoutResult((status) -> {
			// this transaction plays the first sync: it holds the source's lock
			assertThat(this.locks.tryLock("sync-csv")).isTrue();
			second.set(sync("username\nlate\n", false));
		});
		assertThat(second.get().status()).isEqualTo(409);
		assertThat(second.get().code()).isEqualTo("sync_running");
		assertThat(sync("username\nlate\n", false).status()).isEqualTo(200);
		// the refused sync was not a run: only the one that ran is recorded
		assertThat(this.api.get("/api/v1/sync/runs").json().findValuesAsString("status")).containsExactly("succeeded");
	}

	@Test
	void aUserAnAdministratorDeactivatedStaysDeactivatedWhenTheFileStillListsIt() {
		sync("username,email\nheld,held@example.org\nfree,free@example.org\n", false);
		long held = this.api.get("/api/v1/users?q=held").json().path("items").get(0).path("id").asLong();
		assertThat(this.api.patch("/api/v1/users/" + held, "{\"active\":false}").status()).isEqualTo(200);

		JsonNode report = sync("username,email,active\nheld,held@example.org,true\nfree,free@example.org,false\n",
				false)
			.json();
		assertThat(report.path("keptDeactivated").asInt()).isEqualTo(1);
		assertThat(this.api.get("/api/v1/users/" + held).json().path("active").asBoolean()).isFalse();
		// the file's own "inactive" deactivates as always
		assertThat(this.api.get("/api/v1/users?q=free").json().path("items").get(0).path("active").asBoolean())
			.isFalse();
		assertThat(this.api.get("/api/v1/sync/runs").json().get(0).path("keptDeactivated").asInt()).isEqualTo(1);

		// once the administrator activates the user again, the file decides again
		this.api.patch("/api/v1/users/" + held, "{\"active\":true}");
		assertThat(sync("username,email,active\nheld,held@example.org,true\n", false).json()
			.path("keptDeactivated")
			.asInt()).isZero();
		assertThat(this.api.get("/api/v1/users/" + held).json().path("active").asBoolean()).isTrue();
	}

	@Test
	void aRunLeftRunningByANodeThatStoppedIsMarkedAbandonedByTheNextRun() {
		this.jdbc.sql("insert into sync_run (source, status, started_at) values ('csv', 'running', :then)")
			.param("then", java.sql.Timestamp.from(java.time.Instant.now().minusSeconds(3600)))
			.update();
		assertThat(sync("username\nnext\n", false).status()).isEqualTo(200);
		assertThat(this.api.get("/api/v1/sync/runs").json().findValuesAsString("status")).containsExactly("succeeded",
				"abandoned");
	}

	@Test
	void aFileSetsItsOwnCardsOfAUserAndLeavesTheOthers() {
		JsonNode report = sync("username,email,cards\n" + "ann,ann@example.org,\"04:A2:2B:7C, 1234\"\n"
				+ "bob,bob@example.org,04a22b7c\n" + "cat,cat@example.org,\"77, 12_34\"\n", false)
			.json();

		assertThat(report.path("created").asInt()).isEqualTo(3);
		assertThat(report.path("errors")).hasSize(2);
		assertThat(report.path("errors").get(0).path("line").asInt()).isEqualTo(3);
		assertThat(report.path("errors").get(0).path("message").asString()).contains("…2B7C", "another user");
		assertThat(report.path("errors").get(1).path("line").asInt()).isEqualTo(4);
		assertThat(report.path("errors").get(1).path("message").asString()).contains("card 2 of the cards field");
		assertThat(report.toString()).doesNotContain("04A22B7C").doesNotContain("12_34");
		long ann = this.jdbc.sql("select id from app_user where username = 'ann'").query(Long.class).single();
		JsonNode cards = this.api.get("/api/v1/users/" + ann + "/cards").json();
		assertThat(cards).extracting((card) -> card.path("hint").asString()).containsExactly("2B7C", "1234");
		assertThat(cards.get(0).path("source").asString()).isEqualTo("csv");
		assertThat(newTerminal().tap("04A22B7C").json().path("username").asString()).isEqualTo("ann");

		// a card the administrator added stays; the file's card it dropped goes
		this.api.post("/api/v1/users/" + ann + "/cards", "{\"number\":\"AD11\"}");
		sync("username,email,cards\nann,ann@example.org,1234\n", false);
		assertThat(this.api.get("/api/v1/users/" + ann + "/cards").json())
			.extracting((card) -> card.path("hint").asString())
			.containsExactlyInAnyOrder("1234", "AD11");
		assertThat(newTerminal().tap("04A22B7C").code()).isEqualTo("card_unknown");
		// a file without the column says nothing of cards
		sync("username,email\nann,ann@example.org\n", false);
		assertThat(this.api.get("/api/v1/users/" + ann + "/cards").json()).hasSize(2);
	}

	@Test
	void aFileSwapsCardsOfAUserWithTheMostCardsAndWhatIsBeyondTheMostIsReportedOnce() {
		sync("username,email,cards\nann,ann@example.org,\"C1, C2\"\n", false);
		long ann = this.jdbc.sql("select id from app_user where username = 'ann'").query(Long.class).single();
		for (int i = 1; i <= 8; i++) {
			assertThat(this.api.post("/api/v1/users/" + ann + "/cards", "{\"number\":\"A0" + i + "\"}").status())
				.isEqualTo(201);
		}

		// ten cards, two of them the file's: it swaps those for two new ones, and lists
		// one
		// of the administrator's too
		JsonNode swapped = sync("username,email,cards\nann,ann@example.org,\"A01, C3, C4\"\n", false).json();
		assertThat(swapped.path("errors")).isEmpty();
		assertThat(this.api.get("/api/v1/users/" + ann + "/cards").json())
			.extracting((card) -> card.path("hint").asString())
			.containsExactlyInAnyOrder("A01", "A02", "A03", "A04", "A05", "A06", "A07", "A08", "C3", "C4");
		assertThat(newTerminal().tap("C3").json().path("username").asString()).isEqualTo("ann");
		assertThat(newTerminal().tap("C1").code()).isEqualTo("card_unknown");

		// a line that lists far more than a user may have: the first that fit, and one
		// problem for the rest
		StringBuilder many = new StringBuilder();
		for (int i = 0; i < 70_000; i++) {
			many.append((i == 0) ? "" : ",").append(100_000 + i);
		}
		JsonNode report = sync("username,email,cards\nbob,bob@example.org,\"" + many + "\"\n", false).json();
		assertThat(report.path("errors")).hasSize(1);
		assertThat(report.path("errors").get(0).path("message").asString()).contains("69990 cards", "…0010",
				"more than the 10");
		long bob = this.jdbc.sql("select id from app_user where username = 'bob'").query(Long.class).single();
		assertThat(this.api.get("/api/v1/users/" + bob + "/cards").json()).hasSize(10);
	}

	@Test
	void aRenamedUserFoundByItsExternalIdKeepsItsIdPinAndCards() {
		// a first file without stable ids, then with them: matched by name, then by id
		sync("username,email\nmaria.lopez,maria@example.org\nnils,nils@example.org\nold.olga,olga@example.org", false);
		long maria = userId("maria.lopez");
		String pin = this.smtp.awaitPinMailedTo("maria@example.org");
		this.api.post("/api/v1/users/" + maria + "/cards", "{\"number\":\"C0DE0001\"}");
		sync("username,email,externalId\nmaria.lopez,maria@example.org,E-1001\nnils,nils@example.org,E-1002\n"
				+ "old.olga,olga@example.org,E-1003", false);
		assertThat(this.api.get("/api/v1/users/" + maria).json().path("externalId").asString()).isEqualTo("E-1001");
		this.api.patch("/api/v1/users/" + userId("old.olga"), "{\"active\":false}");
		this.smtp.purge();

		JsonNode report = sync("username,email,externalId\nmaria.garcia,maria.garcia@example.org,E-1001\n"
				+ "nils,nils@example.org,E-1002\nold.olga,newcomer@example.org,E-2000\nmaria.lopez,x@example.org,E-1002",
				false)
			.json();

		assertThat(report.path("renamed").asInt()).isEqualTo(1);
		assertThat(report.path("created").asInt()).isZero();
		JsonNode renamed = this.api.get("/api/v1/users/" + maria).json();
		assertThat(renamed.path("username").asString()).isEqualTo("maria.garcia");
		assertThat(renamed.path("email").asString()).isEqualTo("maria.garcia@example.org");
		assertThat(renamed.path("cards").asInt()).isEqualTo(1);
		TestApi terminal = newTerminal();
		assertThat(terminal.authenticate(pin).json().path("username").asString()).isEqualTo("maria.garcia");
		assertThat(terminal.tap("C0DE0001").json().path("userId").asLong()).isEqualTo(maria);
		assertThat(this.api.get("/api/v1/users?q=maria.lopez").json().path("total").asInt()).isZero();
		assertThat(this.api.get("/api/v1/audit?action=user.renamed").text()).contains("maria.lopez -> maria.garcia");
		// nobody new got a PIN: the renamed user is no new user
		assertThat(this.smtp.receivedBy("maria.garcia@example.org")).isEmpty();
		// a newcomer under the name of somebody who left is reported, not merged; the
		// second line for E-1002 is one person named twice
		assertThat(report.path("errors").toString()).contains("old.olga is still held by deactivated user",
				"not merged", "externalId appears more than once (first on line 3)");
		assertThat(this.api.get("/api/v1/users?q=old.olga").json().path("items").get(0).path("email").asString())
			.isEqualTo("olga@example.org");

		// a rename to a name somebody else holds changes nobody
		JsonNode clash = sync("username,email,externalId\nnils,maria.garcia@example.org,E-1001", false).json();
		assertThat(clash.path("errors").toString()).contains("was renamed to nils, which user");
		assertThat(this.api.get("/api/v1/users/" + maria).json().path("username").asString()).isEqualTo("maria.garcia");
	}

	private long userId(String username) {
		return this.api.get("/api/v1/users?q=" + username).json().path("items").get(0).path("id").asLong();
	}

	Response sync(String csv, boolean deactivateMissing) {
		return this.api.send("POST", "/api/v1/sync/csv?deactivateMissing=" + deactivateMissing, csv, "text/csv");
	}

}
