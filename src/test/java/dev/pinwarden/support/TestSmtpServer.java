package dev.pinwarden.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.awaitility.Awaitility;

/**
 * A real SMTP server for the tests (GreenMail) on a fixed free port, so that it can be
 * stopped and started again to play an outage.
 */
public final class TestSmtpServer {

	private static final Pattern PIN_IN_MAIL = Pattern.compile("^ {4}(\\d{4,16})\\s*$", Pattern.MULTILINE);

	private final int port;

	private GreenMail greenMail;

	private TestSmtpServer(int port) {
		this.port = port;
	}

	/** The servers started, by port, for test classes to find theirs. */
	private static final Map<Integer, TestSmtpServer> RUNNING = new ConcurrentHashMap<>();

	public static TestSmtpServer start() {
		TestSmtpServer server = new TestSmtpServer(freePort());
		server.up();
		RUNNING.put(server.port, server);
		return server;
	}

	public static TestSmtpServer onPort(int port) {
		return RUNNING.get(port);
	}

	/**
	 * Points Pinwarden at this server, with a dispatcher that polls and retries quickly.
	 */
	public Map<String, Object> properties() {
		return Map.ofEntries(Map.entry("pinwarden.mail.smtp-host", "127.0.0.1"),
				Map.entry("pinwarden.mail.smtp-port", String.valueOf(this.port)),
				Map.entry("pinwarden.mail.poll-interval", "100ms"), Map.entry("pinwarden.mail.retry-initial", "200ms"),
				Map.entry("pinwarden.mail.retry-max", "1s"), Map.entry("pinwarden.mail.connect-timeout", "2s"),
				Map.entry("pinwarden.mail.public-url", "https://print.example.org"),
				// not mail, but every test context wants its schedules checked quickly
				// too
				Map.entry("pinwarden.sync.schedule-check-interval", "200ms"));
	}

	public synchronized void up() {
		if (this.greenMail != null) {
			return;
		}
		this.greenMail = new GreenMail(new ServerSetup(this.port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
		this.greenMail.start();
	}

	public synchronized void stop() {
		if (this.greenMail != null) {
			this.greenMail.stop();
			this.greenMail = null;
		}
	}

	public synchronized void purge() {
		if (this.greenMail != null) {
			try {
				this.greenMail.purgeEmailFromAllMailboxes();
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		}
	}

	public synchronized List<MimeMessage> received() {
		return (this.greenMail != null) ? Arrays.asList(this.greenMail.getReceivedMessages()) : List.of();
	}

	public synchronized int receivedCount() {
		return (this.greenMail != null) ? this.greenMail.getReceivedMessages().length : 0;
	}

	/** Waits until at least {@code count} messages arrived, and returns them all. */
	public List<MimeMessage> awaitMessages(int count) {
		Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> received().size() >= count);
		return received();
	}

	public List<MimeMessage> receivedBy(String address) {
		return received().stream().filter((message) -> recipient(message).equals(address)).toList();
	}

	/**
	 * Waits for the one new-PIN mail to this address and returns the PIN it announces.
	 */
	public String awaitPinMailedTo(String address) {
		Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !receivedBy(address).isEmpty());
		return pinIn(receivedBy(address).get(receivedBy(address).size() - 1));
	}

	private static final Pattern CODE_IN_MAIL = Pattern.compile("^ {4}([A-Z0-9]{4}-[A-Z0-9]{4})\\s*$",
			Pattern.MULTILINE);

	/** Waits for a reset-code mail to this address and returns the code. */
	public String awaitResetCodeMailedTo(String address) {
		Awaitility.await()
			.atMost(Duration.ofSeconds(30))
			.until(() -> receivedBy(address).stream().anyMatch((m) -> CODE_IN_MAIL.matcher(body(m)).find()));
		List<MimeMessage> mails = receivedBy(address).stream()
			.filter((m) -> CODE_IN_MAIL.matcher(body(m)).find())
			.toList();
		Matcher matcher = CODE_IN_MAIL.matcher(body(mails.get(mails.size() - 1)));
		matcher.find();
		return matcher.group(1);
	}

	public static String pinIn(MimeMessage message) {
		Matcher matcher = PIN_IN_MAIL.matcher(body(message));
		if (!matcher.find()) {
			throw new AssertionError("No PIN in the mail: " + body(message));
		}
		return matcher.group(1);
	}

	public static String body(MimeMessage message) {
		return GreenMailUtil.getBody(message).replace("\r\n", "\n");
	}

	public static String subject(MimeMessage message) {
		try {
			return message.getSubject();
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public static String recipient(MimeMessage message) {
		try {
			return message.getAllRecipients()[0].toString();
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
