package bench;

import java.util.Date;
import java.util.Properties;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/**
 * The mail baseline: a plain Jakarta Mail (Angus Mail, the server's implementation) loop
 * over one SMTP connection, building each message the way the server does (UTF-8 subject
 * and text of the default new-PIN template's size, the same headers).
 */
final class MailBaseline {

	private MailBaseline() {
	}

	/** Sends {@code count} messages; returns messages per second. */
	static double send(int port, int count) throws Exception {
		Properties properties = new Properties();
		properties.put("mail.smtp.connectiontimeout", "10000");
		properties.put("mail.smtp.timeout", "30000");
		Session session = Session.getInstance(properties);
		InternetAddress from = new InternetAddress("pinwarden@localhost", true);
		long start = System.nanoTime();
		try (Transport transport = session.getTransport("smtp")) {
			transport.connect("127.0.0.1", port, null, null);
			for (int i = 0; i < count; i++) {
				String username = CsvFile.username("mailbase", i);
				MimeMessage message = new MimeMessage(session);
				message.setFrom(from);
				message.setRecipient(Message.RecipientType.TO, new InternetAddress(username + "@example.org", true));
				message.setSubject("Your new printing PIN", "UTF-8");
				message.setText(body(username, i), "UTF-8");
				message.setSentDate(new Date());
				message.setHeader("Auto-Submitted", "auto-generated");
				message.saveChanges();
				transport.sendMessage(message, message.getAllRecipients());
			}
		}
		return count / ((System.nanoTime() - start) / 1e9);
	}

	private static String body(String username, int i) {
		return """
				Hello User %d,

				you have a new PIN for the printers:

				    %d

				Type it at any printer terminal to log in as %s. Your previous PIN, if you had
				one, no longer works.

				Keep the PIN to yourself: anyone who knows it can print and release jobs in your name.
				If you lose it, you can get a new one at http://localhost:8080

				This message was sent automatically; please do not reply.
				""".formatted(i, CsvFile.pin(i), username);
	}

}
