package dev.pinwarden.mail;

import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import dev.pinwarden.support.ApiIntegrationTest;
import dev.pinwarden.support.TestApi.Response;
import dev.pinwarden.support.TestSmtpServer;

import static dev.pinwarden.support.UserMother.aUser;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin edits, previews and reverts the mail templates; bad templates are refused.
 */
abstract class MailTemplateApiTests extends ApiIntegrationTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void listsEveryTemplateWithItsDefaultsAndPlaceholders() {
		JsonNode templates = this.api.get("/api/v1/email-templates").json();
		assertThat(templates).hasSize(4);
		JsonNode newPin = templates.get(0);
		assertThat(newPin.path("id").asString()).isEqualTo("new-pin");
		assertThat(newPin.path("subject").asString()).isEqualTo(newPin.path("defaultSubject").asString());
		assertThat(newPin.path("body").asString()).contains("{{pin}}");
		assertThat(newPin.path("modified").asBoolean()).isFalse();
		assertThat(newPin.path("placeholders").toString()).contains("pin", "username", "fullName", "email", "webUrl");
		JsonNode reset = templates.get(1);
		assertThat(reset.path("id").asString()).isEqualTo("pin-reset-code");
		assertThat(reset.path("body").asString()).contains("{{resetCode}}", "{{resetCodeValidMinutes}}");
		JsonNode cardRegistered = templates.get(2);
		assertThat(cardRegistered.path("id").asString()).isEqualTo("card-registered");
		assertThat(cardRegistered.path("placeholders").toString()).contains("cardHint", "terminalName");
		JsonNode temporaryPin = templates.get(3);
		assertThat(temporaryPin.path("id").asString()).isEqualTo("temporary-pin");
		assertThat(temporaryPin.path("body").asString()).contains("{{pin}}", "{{expiresAt}}");
		assertThat(this.api.get("/api/v1/email-templates/no-such").code()).isEqualTo("template_not_found");
	}

	@Test
	void anEditedTemplateIsWhatTheNextMailSays() {
		Response saved = this.api.put("/api/v1/email-templates/new-pin",
				text("PIN for {{username}}", "Dear {{fullName}}, your code: {{pin}}\nSee {{webUrl}}"));
		assertThat(saved.status()).isEqualTo(200);
		assertThat(saved.json().path("modified").asBoolean()).isTrue();
		assertThat(this.api.get("/api/v1/email-templates/new-pin").json().path("subject").asString())
			.isEqualTo("PIN for {{username}}");

		String pin = this.api.post("/api/v1/users", aUser().named("kim").withFullName("Kim <Lee> & Co").json())
			.json()
			.path("pin")
			.asString();
		var mail = this.smtp.awaitMessages(1).get(0);
		assertThat(TestSmtpServer.subject(mail)).isEqualTo("PIN for kim");
		// plain text: nothing is HTML-escaped
		assertThat(TestSmtpServer.body(mail)).startsWith("Dear Kim <Lee> & Co, your code: " + pin)
			.contains("See https://print.example.org");
	}

	@Test
	void anEditedTemporaryPinTemplateIsWhatItsMailSaysUntilReverted() {
		long lee = this.api.post("/api/v1/users", aUser().named("lee").json()).json().path("id").asLong();
		this.smtp.awaitPinMailedTo("lee@example.org");
		this.api.put("/api/v1/email-templates/temporary-pin",
				text("Visitor PIN", "Your exam-day PIN:\n    {{pin}}\nuntil {{expiresAt}}."));
		this.smtp.purge();

		String pin = this.api.post("/api/v1/users/" + lee + "/temporary-pins", "{\"validMinutes\":120}")
			.json()
			.path("pin")
			.asString();

		MimeMessage mail = this.smtp.awaitMessages(1).get(0);
		assertThat(TestSmtpServer.subject(mail)).isEqualTo("Visitor PIN");
		assertThat(TestSmtpServer.body(mail)).startsWith("Your exam-day PIN:").contains("UTC.");
		assertThat(TestSmtpServer.pinIn(mail)).isEqualTo(pin);
		JsonNode reverted = this.api.post("/api/v1/email-templates/temporary-pin/revert", "{}").json();
		assertThat(reverted.path("subject").asString()).isEqualTo("Your temporary printing PIN");
	}

	@Test
	void revertingRestoresTheDefaults() {
		this.api.put("/api/v1/email-templates/pin-reset-code", text("Code", "{{resetCode}}"));
		JsonNode reverted = this.api.post("/api/v1/email-templates/pin-reset-code/revert", "{}").json();
		assertThat(reverted.path("modified").asBoolean()).isFalse();
		assertThat(reverted.path("subject").asString()).isEqualTo("Your PIN reset code");
		assertThat(this.api.get("/api/v1/email-templates/pin-reset-code").json().path("body").asString())
			.isEqualTo(reverted.path("defaultBody").asString());
	}

	@Test
	void aTemplateAsTheGetAnswersItCanBeEditedAndPutBackButAMisspeltFieldIsRefused() {
		ObjectNode read = (ObjectNode) this.api.get("/api/v1/email-templates/new-pin").json();
		read.put("subject", "Your printer PIN");
		Response saved = this.api.put("/api/v1/email-templates/new-pin", read.toString());
		assertThat(saved.status()).isEqualTo(200);
		assertThat(saved.json().path("subject").asString()).isEqualTo("Your printer PIN");

		Response misspelt = this.api.put("/api/v1/email-templates/new-pin", "{\"subjekt\":\"x\",\"body\":\"{{pin}}\"}");
		assertThat(misspelt.code()).isEqualTo("unknown_field");
		assertThat(misspelt.json().path("field").asString()).isEqualTo("subjekt");
		assertThat(this.api.get("/api/v1/email-templates/new-pin").json().path("subject").asString())
			.isEqualTo("Your printer PIN");
	}

	@Test
	void previewRendersWithSampleValues() {
		JsonNode current = this.api.post("/api/v1/email-templates/new-pin/preview", "{}").json();
		assertThat(current.path("subject").asString()).isEqualTo("Your new printing PIN");
		assertThat(current.path("body").asString()).contains("Hello Jane Doe,")
			.contains("4831")
			.contains("https://print.example.org");

		JsonNode draft = this.api
			.post("/api/v1/email-templates/pin-reset-code/preview",
					text("Code for {{username}}", "{{resetCode}} valid {{resetCodeValidMinutes}} min"))
			.json();
		assertThat(draft.path("subject").asString()).isEqualTo("Code for jdoe");
		assertThat(draft.path("body").asString()).isEqualTo("K7PX-M2QD valid 10 min");
		// a preview saves nothing
		assertThat(this.api.get("/api/v1/email-templates/pin-reset-code").json().path("modified").asBoolean())
			.isFalse();
	}

	@Test
	void badTemplatesAreRefusedNamingTheProblemAndChangeNothing() {
		assertRefused("new-pin", text("Hi", "Your PIN {{pinn}}"), "body", "{{pinn}}");
		assertRefused("new-pin", text("Hi", "{{resetCode}}"), "body", "{{resetCode}}");
		assertRefused("pin-reset-code", text("Hi", "{{pin}}"), "body", "{{pin}}");
		assertRefused("new-pin", text("Hi {{nobody}}", "{{pin}}"), "subject", "{{nobody}}");
		assertRefused("new-pin", text("Hi", "{{#pin}}unclosed"), "body", "Section");
		assertRefused("new-pin", text("Hi", "Your {{pin"), "body", "not closed");
		assertRefused("new-pin", text("Hi", "{{>header}} {{pin}}"), "body", "partials");
		assertRefused("new-pin", text("Hi", "{{pin.class.classLoader}}"), "body", "{{pin.class.classLoader}}");
		assertRefused("new-pin", text("Hi\r\nBcc: victim@example.org", "{{pin}}"), "subject", "line breaks");
		assertRefused("new-pin", text("Hi\nthere", "{{pin}}"), "subject", "line breaks");
		assertRefused("new-pin", text("", "{{pin}}"), "subject", "required");
		assertRefused("new-pin", text("Hi", "x".repeat(20_001)), "body", "at most");
		assertRefused("new-pin", text("Hi", "{{pin}}\u0000"), "body", "control characters");
		assertRefused("new-pin/preview", text("Hi", "{{secret}}"), "body", "{{secret}}");

		JsonNode unchanged = this.api.get("/api/v1/email-templates/new-pin").json();
		assertThat(unchanged.path("modified").asBoolean()).isFalse();
	}

	private void assertRefused(String path, String body, String field, String named) {
		Response refused = path.endsWith("/preview") ? this.api.post("/api/v1/email-templates/" + path, body)
				: this.api.put("/api/v1/email-templates/" + path, body);
		assertThat(refused.status()).as(body).isEqualTo(400);
		assertThat(refused.json().path("field").asString()).as(body).isEqualTo(field);
		assertThat(refused.json().path("detail").asString()).as(body).contains(named);
		assertThat(refused.text()).doesNotContain("Exception").doesNotContain("at com.");
	}

	private static String text(String subject, String body) {
		ObjectNode node = JSON.createObjectNode();
		node.put("subject", subject);
		node.put("body", body);
		return node.toString();
	}

}
