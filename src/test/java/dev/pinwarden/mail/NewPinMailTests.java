package dev.pinwarden.mail;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.pinwarden.support.ApiIntegrationTest;
import dev.pinwarden.support.PinText;
import dev.pinwarden.support.TestApi;
import dev.pinwarden.support.TestSmtpServer;
import dev.pinwarden.support.UserMother;

import static dev.pinwarden.support.UserMother.aUser;
import static org.assertj.core.api.Assertions.assertThat;

/** Every newly generated PIN reaches its user by mail, and the mailed PIN works. */
abstract class NewPinMailTests extends ApiIntegrationTest {

	@Autowired
	JdbcTemplate jdbcTemplate;

	@Autowired
	OutboxDispatcher dispatcher;

	@Test
	void aNewUsersPinArrivesByMailAndOpensATerminal() {
		String shown = this.api.post("/api/v1/users", aUser().named("alice").withFullName("Alice Smith").json())
			.json()
			.path("pin")
			.asString();

		String mailed = this.smtp.awaitPinMailedTo("alice@example.org");
		assertThat(mailed).isEqualTo(shown);
		MimeMessage mail = this.smtp.receivedBy("alice@example.org").get(0);
		assertThat(TestSmtpServer.subject(mail)).isEqualTo("Your new printing PIN");
		assertThat(TestSmtpServer.body(mail)).startsWith("Hello Alice Smith,")
			.contains("log in as alice")
			.contains("https://print.example.org");
		assertThat(newTerminal().authenticate(mailed).json().path("username").asString()).isEqualTo("alice");
	}

	@Test
	void aUserWithoutAnEmailAddressGetsNoMail() {
		this.api.post("/api/v1/users", aUser().named("bob").withoutEmail().json());
		this.api.post("/api/v1/users", aUser().named("carol").json());
		this.smtp.awaitPinMailedTo("carol@example.org");
		this.dispatcher.drain();
		assertThat(this.smtp.received()).hasSize(1);
		assertThat(this.jdbc.sql("select count(*) from mail_outbox").query(Long.class).single()).isEqualTo(1);
	}

	@Test
	void nothingIsMailedWhenSendingIsOffExceptARegeneration() {
		this.api.put("/api/v1/settings/pin", "{\"sendPinByEmail\":false}");
		long id = this.api.post("/api/v1/users", aUser().named("dave").json()).json().path("id").asLong();
		this.api.post("/api/v1/users/" + id + "/pin", "{}");
		assertThat(this.jdbc.sql("select count(*) from mail_outbox").query(Long.class).single()).isZero();

		JsonNode result = this.api.post("/api/v1/pins/regenerate", "{}").json();
		assertThat(result.path("emailed").asInt()).isEqualTo(1);
		String mailed = this.smtp.awaitPinMailedTo("dave@example.org");
		assertThat(newTerminal().authenticate(mailed).status()).isEqualTo(200);
	}

	@Test
	void anAdminsGenerateIsMailedAChosenPinIsNot() {
		long id = this.api.post("/api/v1/users", aUser().named("erin").json()).json().path("id").asLong();
		this.smtp.awaitPinMailedTo("erin@example.org");

		String generated = this.api.post("/api/v1/users/" + id + "/pin", "{}").json().path("pin").asString();
		this.smtp.awaitMessages(2);
		assertThat(TestSmtpServer.pinIn(this.smtp.receivedBy("erin@example.org").get(1))).isEqualTo(generated);

		this.api.put("/api/v1/users/" + id + "/pin", "{\"pin\":\"58302917\"}");
		this.dispatcher.drain();
		assertThat(this.smtp.received()).hasSize(2);
	}

	@Test
	void aMassRegenerationMailsEveryActiveUserWithAnAddressTheirOwnNewPin() {
		UserMother.insertUsers(this.jdbcTemplate, "staff", 300, 10);
		JsonNode result = this.api.post("/api/v1/pins/regenerate", "{}").json();
		assertThat(result.path("emailed").asInt()).isEqualTo(270);
		assertThat(result.path("withoutEmail").asInt()).isEqualTo(30);

		List<MimeMessage> mails = this.smtp.awaitMessages(270);
		this.dispatcher.drain();
		assertThat(this.smtp.received()).hasSize(270);
		Set<String> recipients = mails.stream().map(TestSmtpServer::recipient).collect(Collectors.toSet());
		assertThat(recipients).hasSize(270);
		TestApi terminal = newTerminal();
		for (MimeMessage mail : mails.subList(0, 20)) {
			String username = TestSmtpServer.recipient(mail).replace("@example.org", "");
			assertThat(terminal.authenticate(TestSmtpServer.pinIn(mail)).json().path("username").asString())
				.isEqualTo(username);
		}
		assertThat(this.jdbc.sql("select count(*) from mail_outbox where status = 'sent' and content is null")
			.query(Long.class)
			.single()).isEqualTo(270);
	}

	@Test
	void theOutboxListsMessagesWithoutTheirSecret() {
		String pin = this.api.post("/api/v1/users", aUser().named("frank").json()).json().path("pin").asString();
		this.smtp.awaitPinMailedTo("frank@example.org");
		org.awaitility.Awaitility.await()
			.until(() -> this.api.get("/api/v1/mail/outbox?status=sent").json().path("total").asInt() == 1);

		TestApi.Response outbox = this.api.get("/api/v1/mail/outbox");
		JsonNode entry = outbox.json().path("items").get(0);
		assertThat(entry.path("recipient").asString()).isEqualTo("frank@example.org");
		assertThat(entry.path("template").asString()).isEqualTo("new-pin");
		assertThat(entry.path("status").asString()).isEqualTo("sent");
		assertThat(entry.path("attempts").asInt()).isEqualTo(1);
		assertThat(entry.has("sentAt")).isTrue();
		assertThat(outbox.text()).doesNotContainPattern(PinText.asWholeNumber(pin)).doesNotContain("Hello");
		assertThat(this.api.get("/api/v1/mail/outbox?status=queued").json().path("total").asInt()).isZero();
		assertThat(this.api.get("/api/v1/mail/outbox?status=lost").code()).isEqualTo("invalid_field");
	}

}
