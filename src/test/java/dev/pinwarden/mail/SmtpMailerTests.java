package dev.pinwarden.mail;

import java.time.Duration;
import java.util.List;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** Sending itself, against a real SMTP server that requires authentication. */
class SmtpMailerTests {

	@RegisterExtension
	static final GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
		.withConfiguration(GreenMailConfiguration.aConfig().withUser("mailer@example.org", "mailer", "s3cret-pass"));

	@Test
	void sendsSeveralMailsOverOneAuthenticatedConnection() throws Exception {
		List<SmtpMailer.Result> results = mailer("mailer", "s3cret-pass")
			.send(List.of(envelope(1, "a@example.org"), envelope(2, "b@example.org"), envelope(3, "c@example.org")));

		assertThat(results).extracting(SmtpMailer.Result::outcome).containsOnly(SmtpMailer.Outcome.SENT);
		MimeMessage[] received = greenMail.getReceivedMessages();
		assertThat(received).hasSize(3);
		assertThat(received[0].getSubject()).isEqualTo("Grüße: your PIN");
		assertThat(received[0].getFrom()[0].toString()).isEqualTo("pinwarden@example.org");
		assertThat(received[0].getHeader("Auto-Submitted")[0]).isEqualTo("auto-generated");
		// the date a mail client shows: when it was sent, to the second
		assertThat(received[0].getSentDate()).isCloseTo(new java.util.Date(), 60_000);
		assertThat(GreenMailUtil.getBody(received[0])).contains("Ihre PIN: 4831");
	}

	@Test
	void aWrongPasswordIsRetriedAndNeverEchoed() {
		List<SmtpMailer.Result> results = mailer("mailer", "not-the-password")
			.send(List.of(envelope(1, "a@example.org")));

		assertThat(results).singleElement().satisfies((result) -> {
			assertThat(result.outcome()).isEqualTo(SmtpMailer.Outcome.RETRY);
			assertThat(result.error()).contains("authentication failed").doesNotContain("not-the-password");
		});
		assertThat(greenMail.getReceivedMessages()).isEmpty();
	}

	@Test
	void anAddressThatIsNoAddressFailsForGood() {
		List<SmtpMailer.Result> results = mailer("mailer", "s3cret-pass")
			.send(List.of(envelope(1, "not an address"), envelope(2, "ok@example.org")));
		assertThat(results.get(0).outcome()).isEqualTo(SmtpMailer.Outcome.FAILED);
		assertThat(results.get(1).outcome()).isEqualTo(SmtpMailer.Outcome.SENT);
	}

	@Test
	void aBadSenderAddressIsASettingToFixAndTheMailsWait() {
		MailProperties badFrom = new MailProperties("127.0.0.1", greenMail.getSmtp().getPort(), null, null,
				MailProperties.Tls.NONE, "not an address", "https://print.example.org", Duration.ofSeconds(1),
				Duration.ofMinutes(1), 100, 1, Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5), 90,
				Duration.ofMinutes(2), Duration.ofDays(3));
		List<SmtpMailer.Result> results = new SmtpMailer(badFrom).send(List.of(envelope(1, "a@example.org")));
		assertThat(results.get(0).outcome()).isEqualTo(SmtpMailer.Outcome.RETRY);
		assertThat(results.get(0).error()).contains("PINWARDEN_MAIL_FROM");
	}

	@Test
	void anUnreachableServerIsRetriedWithinTheConnectTimeout() {
		MailProperties unreachable = properties(1, null, null);
		long started = System.nanoTime();
		List<SmtpMailer.Result> results = new SmtpMailer(unreachable).send(List.of(envelope(1, "a@example.org")));
		assertThat(results.get(0).outcome()).isEqualTo(SmtpMailer.Outcome.RETRY);
		assertThat(results.get(0).error()).contains("cannot connect");
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
	}

	@Test
	void thePasswordStaysOutOfTheConfigurationsToString() {
		assertThat(properties(25, "mailer", "s3cret-pass").toString()).doesNotContain("s3cret-pass");
	}

	private static SmtpMailer mailer(String user, String password) {
		return new SmtpMailer(properties(greenMail.getSmtp().getPort(), user, password));
	}

	private static MailProperties properties(int port, String user, String password) {
		return new MailProperties("127.0.0.1", port, user, password, MailProperties.Tls.NONE, "pinwarden@example.org",
				"https://print.example.org", Duration.ofSeconds(1), Duration.ofMinutes(1), 100, 1,
				Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5), 90, Duration.ofMinutes(2),
				Duration.ofDays(3));
	}

	private static SmtpMailer.Envelope envelope(long id, String recipient) {
		return new SmtpMailer.Envelope(id, recipient, new RenderedMail("Grüße: your PIN", "Ihre PIN: 4831\n"));
	}

}
