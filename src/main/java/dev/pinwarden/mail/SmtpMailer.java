package dev.pinwarden.mail;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.Properties;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MailDateFormat;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.StreamProvider;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.eclipse.angus.mail.util.MailStreamProvider;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Sends a batch of mails over one SMTP connection, with connect, read and write timeouts,
 * and says for each whether it went out, should be retried (the server or the network had
 * a temporary problem) or failed for good (the server refused it with a 5xx reply).
 */
@Component
class SmtpMailer {

	private final MailProperties properties;

	// made once: making a session reads the mail providers' resource files from the
	// classpath, which in the packaged jar took a fifth of the dispatcher's time
	private final Session session;

	SmtpMailer(MailProperties properties) {
		this.properties = properties;
		// Jakarta Mail looks its stream provider up with a ServiceLoader for every
		// message it writes (jakartaee/mail-api#699); inside the packaged jar that scan
		// cost more than the sending itself. Named, the lookup is a plain class lookup.
		if (System.getProperty(StreamProvider.class.getName()) == null) {
			System.setProperty(StreamProvider.class.getName(), MailStreamProvider.class.getName());
		}
		this.session = Session.getInstance(sessionProperties());
		if (properties.smtpConfigured() && blankToNull(properties.smtpUser()) != null
				&& properties.smtpTls() == MailProperties.Tls.NONE) {
			LoggerFactory.getLogger(SmtpMailer.class)
				.warn("SMTP authentication is configured without TLS: the SMTP password travels unencrypted. "
						+ "Set PINWARDEN_SMTP_TLS to starttls or tls.");
		}
	}

	List<Result> send(List<Envelope> mails) {
		return send(mails, (result) -> {
		});
	}

	List<Result> send(List<Envelope> mails, Consumer<Result> onEach) {
		return send(mails, (mail) -> true, onEach);
	}

	/**
	 * Sends the mails over one connection, telling {@code onEach} each one's outcome as
	 * soon as the server has answered for it; a mail that is no longer
	 * {@code stillToSend} when its turn comes is left out, with no outcome.
	 */
	List<Result> send(List<Envelope> mails, Predicate<Envelope> stillToSend, Consumer<Result> onEach) {
		List<Result> results = new ArrayList<>(mails.size());
		Consumer<Result> report = (result) -> {
			onEach.accept(result);
			results.add(result);
		};
		InternetAddress from;
		try {
			from = new InternetAddress(this.properties.from(), true);
		}
		catch (AddressException ex) {
			// a setting to fix, not a fault of the mails: they wait
			retryAll(mails, "the sender address (PINWARDEN_MAIL_FROM) is not valid: " + ex.getMessage())
				.forEach(report);
			return results;
		}
		String protocol = (this.properties.smtpTls() == MailProperties.Tls.TLS) ? "smtps" : "smtp";
		try (Transport transport = this.session.getTransport(protocol)) {
			try {
				transport.connect(this.properties.smtpHost(), this.properties.smtpPort(),
						blankToNull(this.properties.smtpUser()), blankToNull(this.properties.smtpPassword()));
			}
			catch (AuthenticationFailedException ex) {
				retryAll(mails, "SMTP authentication failed for user " + this.properties.smtpUser()).forEach(report);
				return results;
			}
			catch (MessagingException ex) {
				retryAll(mails, "cannot connect to the SMTP server " + this.properties.smtpHost() + ":"
						+ this.properties.smtpPort() + ": " + reason(ex))
					.forEach(report);
				return results;
			}
			// once per batch: MimeMessage formats each message's date through one shared,
			// synchronised format, a tenth of the senders' CPU with four of them
			String date = new MailDateFormat().format(new Date());
			for (Envelope mail : mails) {
				if (!stillToSend.test(mail)) {
					continue;
				}
				if (!transport.isConnected()) {
					report.accept(Result.retry(mail.id(), "the SMTP connection was lost"));
					continue;
				}
				report.accept(sendOne(transport, from, date, mail));
			}
		}
		catch (MessagingException ex) {
			// closing failed: what was sent was sent
		}
		return results;
	}

	private Result sendOne(Transport transport, InternetAddress from, String date, Envelope mail) {
		try {
			MimeMessage message = new MimeMessage(this.session);
			message.setFrom(from);
			message.setRecipient(Message.RecipientType.TO, new InternetAddress(mail.recipient(), true));
			message.setSubject(mail.content().subject(), "UTF-8");
			message.setText(mail.content().body(), "UTF-8");
			message.setHeader("Date", date);
			message.setHeader("Auto-Submitted", "auto-generated");
			message.saveChanges();
			transport.sendMessage(message, message.getAllRecipients());
			return Result.sent(mail.id());
		}
		catch (AddressException ex) {
			return Result.failed(mail.id(), "invalid address: " + ex.getMessage());
		}
		catch (MessagingException ex) {
			if (replyCode(ex) >= 500 && !refusesSender(ex)) {
				return Result.failed(mail.id(), "refused by the SMTP server: " + reason(ex));
			}
			return Result.retry(mail.id(), reason(ex));
		}
		catch (RuntimeException ex) {
			return Result.retry(mail.id(), "could not be sent: " + ex.getClass().getSimpleName());
		}
	}

	/**
	 * A refused sender (MAIL FROM) is the server's or the settings' problem, not the
	 * mail's.
	 */
	private static boolean refusesSender(MessagingException ex) {
		for (Exception cause = ex; cause != null; cause = (cause instanceof MessagingException m) ? m.getNextException()
				: null) {
			if (cause instanceof SMTPSenderFailedException) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The SMTP reply code of the refusal, wherever in the exception chain it is; 0 if
	 * none.
	 */
	private static int replyCode(MessagingException ex) {
		for (Exception cause = ex; cause != null; cause = (cause instanceof MessagingException m) ? m.getNextException()
				: null) {
			if (cause instanceof SMTPAddressFailedException address) {
				return address.getReturnCode();
			}
			if (cause instanceof SMTPSendFailedException send) {
				return send.getReturnCode();
			}
		}
		return 0;
	}

	private static String reason(MessagingException ex) {
		StringBuilder reason = new StringBuilder(String.valueOf(ex.getMessage()).strip());
		for (Exception next = ex.getNextException(); next != null; next = (next instanceof MessagingException m)
				? m.getNextException() : null) {
			reason.append(": ").append(String.valueOf(next.getMessage()).strip());
		}
		return reason.toString();
	}

	private static List<Result> retryAll(List<Envelope> mails, String reason) {
		return mails.stream().map((mail) -> Result.retry(mail.id(), reason)).toList();
	}

	private Properties sessionProperties() {
		String protocol = (this.properties.smtpTls() == MailProperties.Tls.TLS) ? "smtps" : "smtp";
		String prefix = "mail." + protocol + ".";
		Properties session = new Properties();
		session.put(prefix + "connectiontimeout", String.valueOf(this.properties.connectTimeout().toMillis()));
		session.put(prefix + "timeout", String.valueOf(this.properties.readTimeout().toMillis()));
		session.put(prefix + "writetimeout", String.valueOf(this.properties.readTimeout().toMillis()));
		session.put(prefix + "auth", String.valueOf(blankToNull(this.properties.smtpUser()) != null));
		if (this.properties.smtpTls() == MailProperties.Tls.STARTTLS) {
			session.put(prefix + "starttls.enable", "true");
			session.put(prefix + "starttls.required", "true");
		}
		if (this.properties.smtpTls() != MailProperties.Tls.NONE) {
			session.put(prefix + "ssl.checkserveridentity", "true");
		}
		return session;
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value;
	}

	/** A mail to send, already decrypted. */
	record Envelope(long id, String recipient, RenderedMail content) {
	}

	/** What became of one mail. */
	record Result(long id, Outcome outcome, String error) {

		static Result sent(long id) {
			return new Result(id, Outcome.SENT, null);
		}

		static Result retry(long id, String error) {
			return new Result(id, Outcome.RETRY, error);
		}

		static Result failed(long id, String error) {
			return new Result(id, Outcome.FAILED, error);
		}

	}

	enum Outcome {

		SENT, RETRY, FAILED

	}

}
